package io.poolrescue.pool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A pool database dump ({@code xe pool-dump-database}, {@code GET /pool/xmldbdump}) read back: the
 * schema version, the master, its NICs, the hosts, VMs and SRs. Works on dumps from real pools and
 * from the simulator, so "check the backup" means the same thing for both. Every row is also kept
 * as its raw attributes ({@link #table(String)}).
 *
 * <p>Format: {@code <database><manifest><pair key="schema_major_vsn" value="5"/>...</manifest>
 * <table name="host"><row ref="OpaqueRef:..." uuid="..." name__label="..."/>...</table>...}; map
 * fields are S-expressions {@code (('key' 'value')...)}.
 */
public record PoolDatabaseDump(
    int schemaMajor,
    int schemaMinor,
    String poolUuid,
    String masterHostUuid,
    List<DumpHost> hosts,
    List<String> masterNicDevices,
    String masterManagementDevice,
    int vmCount,
    List<DumpSr> srs,
    Map<String, List<Map<String, String>>> tables) {

  /** The schema the simulated xapi runs (CH 8.2-era major version 5). */
  public static final int SCHEMA_MAJOR = 5;
  public static final int SCHEMA_MINOR = 786;

  /** @param serial the machine's serial ({@code bios_strings["system-serial-number"]}), null when not recorded */
  public record DumpHost(String ref, String uuid, String nameLabel, String address, String serial) {}

  public record DumpSr(String ref, String uuid, String nameLabel, String type, boolean shared) {}

  /** The bytes are not a readable pool database dump; the message says why. */
  public static final class CorruptDumpException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CorruptDumpException(String message, Throwable cause) {
      super("pool database dump: " + message, cause);
    }
  }

  public PoolDatabaseDump {
    hosts = List.copyOf(hosts);
    masterNicDevices = List.copyOf(masterNicDevices);
    srs = List.copyOf(srs);
    Map<String, List<Map<String, String>>> t = new LinkedHashMap<>();
    tables.forEach((k, v) -> t.put(k, List.copyOf(v)));
    tables = Collections.unmodifiableMap(t);
  }

  public List<Map<String, String>> table(String name) {
    return tables.getOrDefault(name, List.of());
  }

  public Optional<DumpHost> master() {
    return hosts.stream().filter(h -> h.uuid().equals(masterHostUuid)).findFirst();
  }

  public static PoolDatabaseDump parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new CorruptDumpException("empty", null);
    }
    Document doc = read(bytes);
    Element root = doc.getDocumentElement();
    if (!"database".equals(root.getTagName())) {
      throw new CorruptDumpException("root element is <" + root.getTagName() + ">, not <database>", null);
    }
    Map<String, String> manifest = new LinkedHashMap<>();
    Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      if (e.getTagName().equals("manifest")) {
        for (Element pair : children(e, "pair")) {
          manifest.put(pair.getAttribute("key"), pair.getAttribute("value"));
        }
      } else if (e.getTagName().equals("table")) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Element row : children(e, "row")) {
          rows.add(attributes(row));
        }
        tables.put(e.getAttribute("name"), rows);
      }
    }
    int major = version(manifest, "schema_major_vsn");
    int minor = version(manifest, "schema_minor_vsn");
    List<Map<String, String>> pools = tables.getOrDefault("pool", List.of());
    if (pools.size() != 1) {
      throw new CorruptDumpException("expected one pool row, found " + pools.size(), null);
    }
    String masterRef = pools.get(0).get("master");
    List<DumpHost> hosts = new ArrayList<>();
    String masterUuid = null;
    for (Map<String, String> h : tables.getOrDefault("host", List.of())) {
      DumpHost dh = new DumpHost(h.get("ref"), h.get("uuid"), h.getOrDefault("name__label", ""), h.get("address"),
          sexprMap(h.getOrDefault("bios_strings", "()")).get("system-serial-number"));
      hosts.add(dh);
      if (dh.ref() != null && dh.ref().equals(masterRef)) {
        masterUuid = dh.uuid();
      }
    }
    if (masterUuid == null) {
      throw new CorruptDumpException("the pool's master " + masterRef + " is not among the hosts", null);
    }
    List<String> nics = new ArrayList<>();
    String mgmt = null;
    for (Map<String, String> pif : tables.getOrDefault("PIF", List.of())) {
      if (masterRef.equals(pif.get("host")) && "true".equals(pif.get("physical"))) {
        nics.add(pif.get("device"));
        if ("true".equals(pif.get("management"))) {
          mgmt = pif.get("device");
        }
      }
    }
    nics.sort(null);
    int vms = (int) tables.getOrDefault("VM", List.of()).stream()
        .filter(v -> !"true".equals(v.get("is_control_domain"))).count();
    List<DumpSr> srs = new ArrayList<>();
    for (Map<String, String> s : tables.getOrDefault("SR", List.of())) {
      srs.add(new DumpSr(s.get("ref"), s.get("uuid"), s.getOrDefault("name__label", ""), s.getOrDefault("type", ""),
          "true".equals(s.get("shared"))));
    }
    return new PoolDatabaseDump(major, minor, pools.get(0).get("uuid"), masterUuid, hosts, nics, mgmt, vms, srs,
        tables);
  }

  private static Document read(byte[] bytes) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(bytes));
    } catch (SAXException e) {
      throw new CorruptDumpException("not well-formed XML (truncated or damaged?): " + e.getMessage(), e);
    } catch (ParserConfigurationException | IOException e) {
      throw new CorruptDumpException("cannot be read: " + e.getMessage(), e);
    }
  }

  private static int version(Map<String, String> manifest, String key) {
    String v = manifest.get(key);
    if (v == null) {
      throw new CorruptDumpException("the manifest has no " + key, null);
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new CorruptDumpException(key + " is not a number: " + v, e);
    }
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList nl = parent.getChildNodes();
    for (int i = 0; i < nl.getLength(); i++) {
      if (nl.item(i) instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }

  private static Map<String, String> attributes(Element e) {
    Map<String, String> m = new LinkedHashMap<>();
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      m.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
    }
    return m;
  }

  /** Reads an S-expression map field, {@code (('k' 'v')('k2' 'v2'))}; {@code ()} is empty. */
  public static Map<String, String> sexprMap(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    if (s == null || s.isBlank()) {
      return out;
    }
    List<String> atoms = new ArrayList<>();
    StringBuilder cur = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (cur != null) {
        if (c == '\\' && i + 1 < s.length()) {
          cur.append(s.charAt(++i));
        } else if (c == '\'') {
          atoms.add(cur.toString());
          cur = null;
        } else {
          cur.append(c);
        }
      } else if (c == '\'') {
        cur = new StringBuilder();
      }
    }
    if (cur != null || atoms.size() % 2 != 0) {
      throw new CorruptDumpException("malformed map field: " + s, null);
    }
    for (int i = 0; i < atoms.size(); i += 2) {
      out.put(atoms.get(i), atoms.get(i + 1));
    }
    return out;
  }

  /** Writes a map field as an S-expression, escaping quotes and backslashes. */
  public static String sexpr(Map<String, String> m) {
    StringBuilder sb = new StringBuilder("(");
    new java.util.TreeMap<>(m).forEach((k, v) -> sb.append("('").append(esc(k)).append("' '").append(esc(v)).append("')"));
    return sb.append(')').toString();
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }
}
