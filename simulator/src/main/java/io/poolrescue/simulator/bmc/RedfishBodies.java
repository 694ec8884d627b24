package io.poolrescue.simulator.bmc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.simulator.BmcState;
import java.util.List;

/** The DMTF Redfish resources a simulated BMC serves, shaped as the schemas define them. */
final class RedfishBodies {
  static final String ROOT = "/redfish/v1/";
  static final String SYSTEMS = "/redfish/v1/Systems";
  static final String SYSTEM_ID = "1";
  static final String SYSTEM = SYSTEMS + "/" + SYSTEM_ID;
  static final String RESET = SYSTEM + "/Actions/ComputerSystem.Reset";
  static final String SESSION_SERVICE = "/redfish/v1/SessionService";
  static final String SESSIONS = SESSION_SERVICE + "/Sessions";

  private final ObjectMapper json;

  RedfishBodies(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode serviceRoot() {
    ObjectNode r = resource(ROOT, "#ServiceRoot.v1_11_0.ServiceRoot", "RootService", "Root Service");
    r.put("RedfishVersion", "1.15.0");
    r.putObject("Systems").put("@odata.id", SYSTEMS);
    r.putObject("SessionService").put("@odata.id", SESSION_SERVICE);
    r.putObject("Links").putObject("Sessions").put("@odata.id", SESSIONS);
    return r;
  }

  ObjectNode systems() {
    return collection(SYSTEMS, "#ComputerSystemCollection.ComputerSystemCollection", "Computer System Collection",
        List.of(SYSTEM));
  }

  ObjectNode system(BmcState b) {
    ObjectNode r = resource(SYSTEM, "#ComputerSystem.v1_13_0.ComputerSystem", SYSTEM_ID, b.nameLabel());
    r.put("SystemType", "Physical");
    r.put("Manufacturer", "poolrescue");
    r.put("Model", "simulated host");
    r.put("SerialNumber", b.serial());
    r.put("PowerState", b.poweredOn() ? "On" : "Off");
    ObjectNode reset = r.putObject("Actions").putObject("#ComputerSystem.Reset");
    reset.put("target", RESET);
    ArrayNode allowed = reset.putArray("ResetType@Redfish.AllowableValues");
    b.allowableResetTypes().forEach(allowed::add);
    return r;
  }

  ObjectNode sessionService() {
    ObjectNode r = resource(SESSION_SERVICE, "#SessionService.v1_1_8.SessionService", "SessionService",
        "Session Service");
    r.put("ServiceEnabled", true);
    r.put("SessionTimeout", 1800);
    r.putObject("Sessions").put("@odata.id", SESSIONS);
    return r;
  }

  ObjectNode sessions(List<RedfishSessions.Session> open) {
    return collection(SESSIONS, "#SessionCollection.SessionCollection", "Session Collection",
        open.stream().map(s -> SESSIONS + "/" + s.id()).toList());
  }

  ObjectNode session(RedfishSessions.Session s) {
    ObjectNode r = resource(SESSIONS + "/" + s.id(), "#Session.v1_3_0.Session", s.id(), "User Session");
    r.put("UserName", s.user());
    return r;
  }

  /** A Redfish error body: a Base registry message id and its text. */
  ObjectNode error(String messageId, String message) {
    ObjectNode r = json.createObjectNode();
    ObjectNode e = r.putObject("error");
    e.put("code", "Base.1.8." + messageId);
    e.put("message", message);
    ObjectNode info = e.putArray("@Message.ExtendedInfo").addObject();
    info.put("MessageId", "Base.1.8." + messageId);
    info.put("Message", message);
    return r;
  }

  private ObjectNode resource(String id, String type, String shortId, String name) {
    ObjectNode r = json.createObjectNode();
    r.put("@odata.id", id);
    r.put("@odata.type", type);
    r.put("Id", shortId);
    r.put("Name", name);
    return r;
  }

  private ObjectNode collection(String id, String type, String name, List<String> members) {
    ObjectNode r = json.createObjectNode();
    r.put("@odata.id", id);
    r.put("@odata.type", type);
    r.put("Name", name);
    ArrayNode m = r.putArray("Members");
    members.forEach(x -> m.addObject().put("@odata.id", x));
    r.put("Members@odata.count", members.size());
    return r;
  }
}
