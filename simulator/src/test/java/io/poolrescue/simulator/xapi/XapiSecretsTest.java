package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.FreshHostSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The password travels in login and join calls only: it never shows in a log line (every level,
 * client and server), an exception message or a toString.
 */
class XapiSecretsTest {
  private static final String RIGHT = "poolrescue-sim";
  private static final String WRONG = "Wr0ng-But-Secret-42";

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final List<Throwable> thrown = new ArrayList<>();
  private Logger ours;
  private Level previous;
  private WireFixture f;

  @BeforeEach
  void capture() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.start();
    root.addAppender(captured);
    ours = (Logger) LoggerFactory.getLogger("io.poolrescue");
    previous = ours.getLevel();
    ours.setLevel(Level.TRACE);
    f = WireFixture.small();
  }

  @AfterEach
  void release() {
    f.close();
    ours.setLevel(previous);
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(captured);
  }

  @Test
  void passwordsStayOutOfLogsAndExceptions() throws Exception {
    Path right = dir.resolve("right.pw");
    Files.writeString(right, RIGHT + "\n");
    Path wrong = dir.resolve("wrong.pw");
    Files.writeString(wrong, WRONG);
    XapiConnector good = new XapiConnector(f.config().credentials(new CredentialSource.FromFile(right)).build());
    XapiConnector bad = new XapiConnector(f.config().credentials(new CredentialSource.FromFile(wrong)).build());
    Host member = f.sim.snapshot().hosts().stream().filter(h -> h.address().equals("127.0.10.3")).findFirst()
        .orElseThrow();

    try (XapiClient c = good.connect("127.0.10.2")) {
      c.snapshot();
      c.probe();
      attempt(() -> c.hostDestroy(member.uuid()));
    }
    try (XapiClient c = bad.connect("127.0.10.1")) {
      XapiException e = attempt(c::snapshot);
      assertEquals("SESSION_AUTHENTICATION_FAILED", e.code());
      c.probe();
      attempt(c::emergencyTransitionToMaster);
      attempt(() -> c.poolJoin("127.0.10.1"));
    }
    f.sim.addFreshHost(new FreshHostSpec("fresh-1", "127.0.30.1", 65536, List.of("eth0", "eth1"), "eth0"));
    f.server.refresh();
    try (XapiClient c = bad.connect("127.0.30.1")) {
      attempt(() -> c.poolJoin("127.0.10.1"));
    }
    try (XapiClient c = good.connect("127.0.30.1")) {
      c.poolJoin("127.0.10.1"); // the password travels as a pool.join parameter
    }
    f.sim.damageConfig(member.uuid());
    try (XapiClient c = good.connect("127.0.10.3")) {
      attempt(() -> c.hostRestore(new byte[] {1, 2, 3}));
      assertTrue(c.toString().contains("root"));
    }

    assertTrue(captured.list.size() > 20, "debug logging was on: " + captured.list.size() + " events");
    assertTrue(thrown.size() >= 4, "the failures happened: " + thrown);
    for (ILoggingEvent event : captured.list) {
      assertClean(event.getFormattedMessage(), "log line");
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        assertClean(t.getMessage(), "logged exception");
      }
    }
    for (Throwable t : thrown) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        assertClean(c.getMessage(), "exception message");
        assertClean(c.toString(), "exception");
      }
    }
    assertClean(good.toString() + good.config(), "connector");
  }

  private XapiException attempt(Runnable call) {
    XapiException e = assertThrows(XapiException.class, call::run);
    thrown.add(e);
    return e;
  }

  private static void assertClean(String text, String what) {
    if (text != null) {
      assertFalse(text.contains(RIGHT), what + " shows the password: " + text);
      assertFalse(text.contains(WRONG), what + " shows the password: " + text);
    }
  }
}
