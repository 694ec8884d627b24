package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Async.<method>}: the same call, answered at once with a task ref; the task then carries
 * the outcome (success with the result, or failure with the XAPI error). The simulator runs the
 * operation before answering, so the task is already finished when the client first looks.
 */
final class AsyncMethods {
  private AsyncMethods() {}

  static List<ApiMethod> of(MethodTable table, List<String> names) {
    List<ApiMethod> out = new ArrayList<>();
    for (String name : names) {
      ApiMethod sync = table.find(name);
      if (sync == null) {
        throw new IllegalStateException("no method " + name + " to serve as Async." + name);
      }
      out.add(new ApiMethod("Async." + name, sync.access(), sync.emergency(), sync.params(), sync.optional(),
          c -> run(c, sync)));
    }
    return out;
  }

  private static Object run(Call c, ApiMethod sync) {
    ServerTask task = c.server().tasks().create("Async." + sync.name(), "", c.server().site().now(),
        c.session().issuedAt());
    try {
      Object result = sync.impl().invoke(c);
      task.succeed(result instanceof String s ? s : "", c.server().site().now());
    } catch (XapiException e) {
      List<String> info = new ArrayList<>();
      info.add(e.code());
      info.addAll(e.params());
      task.fail(info, c.server().site().now());
    } catch (PoolUnreachableException e) {
      task.fail(List.of(XapiErrors.CANNOT_CONTACT_HOST, e.address()), c.server().site().now());
    }
    return task.ref();
  }
}
