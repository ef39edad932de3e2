// StartInstances, StopInstances, TerminateInstances: validate ids, find the instances,
// authorise on each instance ARN (with its tags as ec2:ResourceTag), check every state change is
// allowed before changing anything, then answer with previous and current states.
import { ec2Response, items } from '../../protocols/ec2.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeEc2, instanceChecks } from './authz.js';
import { stateChangeXml } from './render.js';
import { findInstances, instanceIdParams, instancesOf, type Ec2Request } from './request.js';
import { stoppedReason, transition, userInitiated, type InstanceRecord, type StateName } from './state.js';

interface Change {
  inst: InstanceRecord;
  previous: StateName;
  current: StateName;
}

/** What an operation does to an instance in a given state: a transition (via → to), nothing
 * (the instance is already there), or an error. */
type Plan = { via: StateName; to: StateName } | 'unchanged' | AwsError;

const incorrect = (id: string, verb: string) =>
  new AwsError('IncorrectInstanceState', `The instance '${id}' is not in a state from which it can be ${verb}.`);

const PLANS: Record<'start' | 'stop' | 'terminate', (inst: InstanceRecord) => Plan> = {
  start: (inst) => {
    switch (inst.state) {
      case 'stopped':
        return { via: 'pending', to: 'running' };
      case 'running':
      case 'pending':
        return 'unchanged';
      default:
        return incorrect(inst.instanceId, 'started');
    }
  },
  stop: (inst) => {
    switch (inst.state) {
      case 'running':
        return { via: 'stopping', to: 'stopped' };
      case 'stopped':
      case 'stopping':
        return 'unchanged';
      case 'pending':
        return new AwsError(
          'IncorrectInstanceState',
          `Instance '${inst.instanceId}' cannot be stopped as it has never reached the 'running' state.`,
        );
      default:
        return incorrect(inst.instanceId, 'stopped');
    }
  },
  terminate: (inst) =>
    inst.state === 'terminated' || inst.state === 'shutting-down' ? 'unchanged' : { via: 'shutting-down', to: 'terminated' },
};

function changeStates(req: Ec2Request, op: keyof typeof PLANS, action: string): Reply {
  const ids = instanceIdParams(req.params);
  if (!ids.length) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  const chosen = findInstances(instancesOf(req), ids);
  authorizeEc2(req.call, instanceChecks(req.call, chosen, action), { dryRun: req.dryRun, mutating: true });

  const plans = chosen.map((inst) => ({ inst, plan: PLANS[op](inst) }));
  for (const { plan } of plans) if (plan instanceof AwsError) throw plan;

  const now = req.call.now.getTime();
  const changes: Change[] = plans.map(({ inst, plan }) => {
    const previous = inst.state;
    if (plan === 'unchanged' || plan instanceof AwsError) return { inst, previous, current: previous };
    transition(inst, plan.via, plan.to, now);
    if (op === 'start') {
      inst.stateTransitionReason = '';
      delete inst.stateReason;
    } else {
      inst.stateTransitionReason = userInitiated(now);
      // Stop and terminate both record a user-initiated shutdown.
      inst.stateReason = stoppedReason();
    }
    return { inst, previous, current: inst.state };
  });
  req.world.changed();
  const list = items(changes.map((c) => stateChangeXml(c.inst.instanceId, c.previous, c.current)));
  return ec2Response(req.action, req.call.requestId, { instancesSet: list });
}

export const startInstances = (req: Ec2Request) => changeStates(req, 'start', 'ec2:StartInstances');
export const stopInstances = (req: Ec2Request) => changeStates(req, 'stop', 'ec2:StopInstances');
export const terminateInstances = (req: Ec2Request) => changeStates(req, 'terminate', 'ec2:TerminateInstances');
