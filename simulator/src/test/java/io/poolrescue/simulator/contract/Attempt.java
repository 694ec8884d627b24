package io.poolrescue.simulator.contract;

import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** A call that must be refused with exactly this code and these parameters. */
public record Attempt(String code, List<String> params, Executable call) {
  public static Attempt expect(String code, List<String> params, Executable call) {
    return new Attempt(code, params, call);
  }
}
