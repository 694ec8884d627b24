package io.poolrescue.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the real picocli entry point in-process and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

  /** The client commands. */
  public static CliRun of(String... args) {
    return of(PoolRescueCli.commandLine(), args);
  }

  /** A given command line, e.g. the whole executable's (launcher module). */
  public static CliRun of(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  public List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
