// Public types of the SDK glue. Kept apart from the code so that importing them costs nothing.

export type ServiceId = 'iam' | 'sts' | 'ec2' | 's3';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Where calls go: the region, and for the mock its endpoint (http://127.0.0.1:PORT). */
export interface Target {
  region: string;
  endpoint?: string;
}

export interface AwsErrorInfo {
  /** The wire code (NoSuchEntity, AccessDenied, InvalidInstanceID.NotFound, ...). */
  code: string;
  message: string;
  status?: number;
  requestId?: string;
}

export type AwsResult =
  | { ok: true; output: Record<string, unknown>; requestId?: string; durationMs: number }
  | { ok: false; error: AwsErrorInfo; durationMs: number };

export interface CallOptions {
  maxAttempts?: number;
  signal?: AbortSignal;
}

/** A call that undoes a create-like call. */
export interface InverseCall {
  call: string;
  input: Record<string, unknown>;
  /** Error codes meaning "already gone": cleanup treats them as done. */
  goneCodes: string[];
}
