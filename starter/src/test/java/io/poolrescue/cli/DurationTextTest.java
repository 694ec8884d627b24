package io.poolrescue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void shortFormsAndIso() {
    assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
    assertEquals(Duration.ofMinutes(15), DurationText.parse("15m"));
    assertEquals(Duration.ofHours(4), DurationText.parse("4h"));
    assertEquals(Duration.ofDays(2), DurationText.parse("2d"));
    assertEquals(Duration.ofMinutes(15), DurationText.parse("PT15M"));
    CliFailure f = assertThrows(CliFailure.class, () -> DurationText.parse("soon"));
    assertEquals(ExitCode.BAD_INPUT, f.exitCode());
  }
}
