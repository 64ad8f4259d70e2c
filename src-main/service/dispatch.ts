import {
  callSchemas,
  fail,
  firstIssue,
  firstIssueField,
  isCallName,
  ok,
  type CallName,
  type CallResult,
  type ParsedArgs,
  type Result,
} from '../../shared/contract/index.js';
import { toLakeError } from '../storage/toLakeError.js';

/** One handler per call: takes validated args, resolves to the call's result or throws. */
export type Handlers = { [N in CallName]: (args: ParsedArgs<N>) => Promise<CallResult<N>> };

/**
 * Runs call `name` with untrusted `args`: unknown names and args that fail the call's zod
 * schema resolve to `InvalidInput` naming the field; anything the handler throws resolves to
 * its mapped error. Never rejects.
 */
export async function dispatchCall(
  handlers: Handlers,
  name: unknown,
  args: unknown,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return fail({ code: 'InvalidInput', message: `Unknown call "${String(name).slice(0, 100)}".` });
  }
  const parsed = callSchemas[name].safeParse(args ?? {});
  if (!parsed.success) {
    const field = firstIssueField(parsed.error);
    return fail({
      code: 'InvalidInput',
      // The field and what is wrong with it; the call's name is internal and left out.
      message: `Not accepted: ${firstIssue(parsed.error)}.`,
      ...(field !== undefined ? { field } : {}),
    });
  }
  try {
    const handler = handlers[name] as (a: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (e) {
    return fail(toLakeError(e));
  }
}
