package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code GET /export_metadata} and {@code PUT /import_metadata?restore=true} (reference §9). The
 * export is a tar whose only member is {@code ova.xml}. Inside, the simulator writes a compact XML
 * of the VM, its VBDs and VDIs (SR uuid + location) rather than XAPI's XML-RPC header.
 */
final class VmMetadata {
  private static final Logger log = LoggerFactory.getLogger(VmMetadata.class);
  static final String OVA_XML = "ova.xml";

  private VmMetadata() {}

  record OvaDisk(String vbdUuid, String mode, String vdiUuid, String srUuid, String location) {}

  /** {@code powerState} is the VM's state when it was exported ({@code Halted} if the export does not say). */
  record Ova(String uuid, String name, long memory, String haRestartPriority, long order, long version,
      String powerState, List<OvaDisk> disks) {

    boolean exportedRunning() {
      return !PowerState.HALTED.xapiName().equals(powerState);
    }
  }

  static byte[] export(Ctx ctx, String vmUuid) {
    Db db = ctx.db();
    Vm vm = db.vm(vmUuid);
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ova export_vsn=\"2\" pool=\"")
        .append(db.pool.uuid()).append("\">\n");
    x.append("<vm uuid=\"").append(vm.uuid()).append("\" name_label=\"").append(SafeXml.attr(vm.nameLabel()))
        .append("\" memory=\"").append(vm.memory()).append("\" ha_restart_priority=\"")
        .append(vm.haRestartPriority()).append("\" order=\"").append(vm.order()).append("\" version=\"")
        .append(vm.version()).append("\" power_state=\"").append(vm.powerState().xapiName()).append("\"/>\n");
    for (Vbd b : db.vbdsOf(vm)) {
      Vdi d = db.vdis.get(b.vdiRef());
      if (d == null) {
        continue;
      }
      Sr sr = db.srs.get(d.srRef());
      x.append("<disk vbd=\"").append(b.uuid()).append("\" mode=\"").append(b.mode()).append("\" vdi=\"")
          .append(d.uuid()).append("\" sr=\"").append(sr.uuid()).append("\" location=\"")
          .append(SafeXml.attr(d.location())).append("\"/>\n");
    }
    x.append("</ova>\n");
    return Ustar.write(new Ustar.Entry(OVA_XML, x.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> importMetadata(Ctx ctx, byte[] export, boolean force, boolean dryRun) {
    return ctx.site().journaled(ctx, "PUT /import_metadata",
        Site.args("restore=true", "force=" + force, "dry_run=" + dryRun), () -> {
          Ova ova = read(export);
          Db db = ctx.db();
          Vm existing = db.vms.byUuid(ova.uuid());
          if (existing != null) {
            if (existing.powerState() != PowerState.HALTED) {
              if (!force) {
                throw new XapiException(XapiErrors.VM_BAD_POWER_STATE, existing.ref(), "Halted",
                    existing.powerState().xapiName());
              }
              log.info("metadata import: VM {} is {}, skipped (force)", ova.uuid(), existing.powerState());
              return List.of();
            }
            if (existing.version() >= ova.version() && !force) {
              throw new XapiException(XapiErrors.VM_TO_IMPORT_IS_NOT_NEWER_VERSION, existing.ref(),
                  Long.toString(existing.version()), Long.toString(ova.version()));
            }
          }
          List<Vdi> found = new ArrayList<>();
          List<OvaDisk> kept = new ArrayList<>();
          for (OvaDisk disk : ova.disks()) {
            Sr sr = db.srs.byUuid(disk.srUuid());
            Vdi vdi = sr == null ? null : db.vdisOfSr(sr.ref()).stream()
                .filter(v -> v.location().equals(disk.location())).findFirst().orElse(null);
            if (vdi == null && force && ova.exportedRunning()) {
              // force may skip a missing disk of a halted VM, not one a running VM had attached
              throw new XapiException(XapiErrors.IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND);
            }
            if (vdi == null && !force) {
              if (sr == null) {
                throw new XapiException(XapiErrors.VDI_CONTENT_ID_MISSING);
              }
              throw new XapiException(XapiErrors.VDI_LOCATION_MISSING, sr.ref(), disk.location());
            }
            if (vdi != null) {
              found.add(vdi);
              kept.add(disk);
            }
          }
          if (dryRun) {
            return List.of(); // xapi's dry run creates nothing, and its task result says so
          }
          if (existing != null) {
            for (Vbd b : db.vbdsOf(existing)) {
              db.vbds.remove(b.ref());
            }
            db.vms.remove(existing.ref());
          }
          Ids ids = ctx.site().ids;
          String vmRef = ids.ref();
          List<String> vbdRefs = new ArrayList<>();
          for (int i = 0; i < found.size(); i++) {
            OvaDisk d = kept.get(i);
            String vbdUuid = d.vbdUuid() != null && db.vbds.byUuid(d.vbdUuid()) == null ? d.vbdUuid() : ids.uuid();
            Vbd b = new Vbd(ids.ref(), vbdUuid, vmRef, found.get(i).ref(), d.mode(), false);
            db.vbds.put(b);
            vbdRefs.add(b.ref());
          }
          db.vms.put(new Vm(vmRef, ova.uuid(), ova.name(), PowerState.HALTED, null, ova.memory(),
              ova.haRestartPriority(), ova.order(), ova.version() + 1, false, vbdRefs));
          log.info("metadata import: VM {} ({}) {} with {} disk(s)", ova.uuid(), ova.name(),
              existing == null ? "created" : "replaced", found.size());
          return List.of(ova.uuid());
        });
  }

  static Ova read(byte[] export) {
    Ustar.Entry first;
    try {
      first = Ustar.first(export);
    } catch (IllegalArgumentException e) {
      throw new XapiException(XapiErrors.IMPORT_ERROR, e.getMessage());
    }
    if (!OVA_XML.equals(first.name())) {
      throw new XapiException(XapiErrors.IMPORT_ERROR_UNEXPECTED_FILE, OVA_XML, first.name());
    }
    try {
      Document doc = SafeXml.parse(first.content());
      Element vm = (Element) doc.getElementsByTagName("vm").item(0);
      if (vm == null) {
        throw new IllegalArgumentException("ova.xml describes no VM");
      }
      List<OvaDisk> disks = new ArrayList<>();
      NodeList nl = doc.getElementsByTagName("disk");
      for (int i = 0; i < nl.getLength(); i++) {
        Element d = (Element) nl.item(i);
        disks.add(new OvaDisk(d.getAttribute("vbd"), d.getAttribute("mode"), d.getAttribute("vdi"),
            d.getAttribute("sr"), d.getAttribute("location")));
      }
      return new Ova(vm.getAttribute("uuid"), vm.getAttribute("name_label"), Long.parseLong(vm.getAttribute("memory")),
          vm.getAttribute("ha_restart_priority"), Long.parseLong(vm.getAttribute("order")),
          Long.parseLong(vm.getAttribute("version")),
          vm.hasAttribute("power_state") ? vm.getAttribute("power_state") : PowerState.HALTED.xapiName(), disks);
    } catch (IllegalArgumentException e) {
      throw new XapiException(XapiErrors.IMPORT_ERROR, "ova.xml: " + e.getMessage());
    }
  }
}
