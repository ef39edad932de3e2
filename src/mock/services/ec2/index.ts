// The mock's EC2 service (ec2 query protocol). One handler per action; each validates its
// parameters, authorises through `call.authorize` and answers in AWS's shapes.
import { ec2ErrorReply, parseEc2Params } from '../../protocols/ec2.js';
import { AwsError, type Call, type Reply, type Service, type ServiceWorld } from '../../types.js';
import { describeInstances, describeInstanceStatus } from './describe.js';
import { startInstances, stopInstances, terminateInstances } from './lifecycle.js';
import { describeAvailabilityZones, describeRegions } from './regions.js';
import { newRequest, type Ec2Handler } from './request.js';
import { runInstances } from './run.js';
import { launchedInstanceIds } from './state.js';
import { createTags, deleteTags } from './tags.js';

const HANDLERS: Record<string, Ec2Handler> = {
  DescribeInstances: describeInstances,
  DescribeInstanceStatus: describeInstanceStatus,
  RunInstances: runInstances,
  StartInstances: startInstances,
  StopInstances: stopInstances,
  TerminateInstances: terminateInstances,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
};

export function create(world: ServiceWorld): Service {
  return {
    name: 'ec2',
    handle(call: Call): Reply {
      try {
        const params = parseEc2Params(call.body, call.query);
        const action = params.get('Action');
        if (!action) throw new AwsError('MissingAction', 'The request is missing an action or a required parameter.');
        const handler = Object.hasOwn(HANDLERS, action) ? HANDLERS[action] : undefined;
        if (!handler) throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
        return handler(newRequest(call, world, action, params));
      } catch (err) {
        if (err instanceof AwsError) return ec2ErrorReply(err, call.requestId);
        throw err;
      }
    },
    errorReply(err: AwsError, requestId: string): Reply {
      return ec2ErrorReply(err, requestId);
    },
    inventory(accountId: string) {
      return { instances: launchedInstanceIds(world, accountId) };
    },
  };
}
