package io.poolrescue.pool.xapi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's {@code result} field. XAPI stores it as an XML-RPC value, e.g. the VM refs created by
 * a metadata import: {@code <value><array><data><value>OpaqueRef:..</value></data></array></value>}.
 * Only flat strings and arrays of strings are needed here.
 */
public final class TaskResult {
  private TaskResult() {}

  private static final Pattern LEAF = Pattern.compile("<value>(?:<string>)?([^<]*)(?:</string>)?</value>");

  /** The string leaves of the value, in order; a plain (non-XML) result is one value. */
  public static List<String> values(String result) {
    List<String> out = new ArrayList<>();
    if (result == null || result.isBlank()) {
      return out;
    }
    if (!result.contains("<value>")) {
      out.add(result.trim());
      return out;
    }
    Matcher m = LEAF.matcher(result);
    while (m.find()) {
      out.add(unescape(m.group(1)));
    }
    return out;
  }

  /** The XML-RPC form of a list of strings. */
  public static String array(List<String> values) {
    StringBuilder b = new StringBuilder("<value><array><data>");
    for (String v : values) {
      b.append("<value>").append(escape(v)).append("</value>");
    }
    return b.append("</data></array></value>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
