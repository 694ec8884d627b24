package io.poolrescue.cli.audit;

import io.poolrescue.cli.ErrorReport;
import io.poolrescue.cli.PoolRescueCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code poolrescue audit ...} in-process, through the real top-level command or against chosen workflow classes. */
record AuditCli(int exitCode, String out, String err) {

  /** The real entry point: today's workflows, the top-level error handling. */
  static AuditCli real(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "audit";
    System.arraycopy(args, 0, full, 1, args.length);
    return run(PoolRescueCli.commandLine(), full);
  }

  /** The audit command against these workflow classes, with the same one-line error handling as the real CLI. */
  static AuditCli with(List<Class<?>> workflows, String... args) {
    CommandLine cl = new CommandLine(new AuditCommand(workflows));
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      ErrorReport r = ErrorReport.of(e);
      cmd.getErr().println("poolrescue: " + r.line());
      return r.exitCode();
    });
    return run(cl, args);
  }

  private static AuditCli run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new AuditCli(code, out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
