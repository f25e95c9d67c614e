// The API's connection to Temporal. The SDK's default retries an unreachable server for ~20 s
// (10 attempts) before failing, so a person's request would hang that long while Temporal restarts;
// the API retries for about a second (a blip) and then answers 503 with Retry-After: the client, who
// holds the Idempotency-Key, decides when to try again.
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

export const API_TEMPORAL_RETRY_ATTEMPTS = 4;

export function apiConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: API_TEMPORAL_RETRY_ATTEMPTS }))],
  };
}
