package io.poolrescue.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.pool.inventory.InventoryReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose/two-sites.yml, the override that lays out one worker per site on the main file's
 * cluster, checked without Docker: its workers wait for the main file's namespace job, each is given
 * exactly the secrets its site's pools refer to, and each accepts its configuration.
 */
class TwoSitesComposeTest {
  static final Path OVERRIDE = DeploymentFilesTest.ROOT.resolve("deploy/compose/two-sites.yml");
  static final Path INVENTORY = DeploymentFilesTest.ROOT.resolve("deploy/inventory.sites.example.yaml");

  @TempDir Path dir;

  private static JsonNode override() throws IOException {
    return DeploymentFilesTest.YAML.readTree(OVERRIDE.toFile());
  }

  @Test
  void oneWorkerPerSiteOfTheInventoryAndTheSingleWorkerLeftOut() throws IOException {
    JsonNode services = override().path("services");
    assertEquals("single-site", services.path("poolrescue-worker").path("profiles").get(0).asText());
    Inventory inventory = InventoryReader.read(INVENTORY);
    Set<String> sites = new TreeSet<>();
    services.fieldNames().forEachRemaining(name -> {
      if (name.startsWith("poolrescue-worker-")) {
        JsonNode s = services.path(name);
        sites.add(DeploymentFilesTest.environment(s).get("POOLRESCUE_SITE"));
        assertEquals("service_completed_successfully",
            s.path("depends_on").path("temporal-namespace").path("condition").asText(), name);
      }
    });
    assertEquals(new TreeSet<>(inventory.sites()), sites);
  }

  @Test
  void eachWorkerHasExactlyTheSecretsOfItsSitesPools() throws IOException {
    Inventory inventory = InventoryReader.read(INVENTORY);
    JsonNode root = override();
    for (String site : inventory.sites()) {
      JsonNode worker = root.path("services").path("poolrescue-worker-" + site);
      Set<String> given = new TreeSet<>();
      worker.path("secrets").forEach(n -> given.add(n.asText()));
      Set<String> referred = new TreeSet<>();
      for (InventoryPool p : inventory.atSite(site).pools()) {
        referred.add(secretName(p.xapi().password()));
        p.hosts().stream().filter(h -> h.bmc() != null).forEach(h -> referred.add(secretName(h.bmc().password())));
      }
      assertEquals(referred, given, site);
      given.forEach(name -> assertTrue(root.path("secrets").has(name), "secret " + name + " defined"));
    }
  }

  private static String secretName(String reference) {
    assertTrue(reference.startsWith("file:/run/secrets/"), reference);
    return reference.substring("file:/run/secrets/".length());
  }

  @Test
  void eachWorkerAcceptsItsConfiguration() throws Exception {
    List<String> described = new ArrayList<>();
    for (String site : List.of("paris", "lyon")) {
      Map<String, String> env =
          DeploymentFilesTest.environment(override().path("services").path("poolrescue-worker-" + site));
      env.put("POOLRESCUE_INVENTORY", INVENTORY.toString());
      env.put("POOLRESCUE_BACKUP_DIR", dir.resolve(site).toString());
      env.put("POOLRESCUE_KEY_FILE", dir.resolve(site + ".key").toString());
      described.add(DeploymentFilesTest.runWorkerCheck(env));
    }
    assertTrue(described.get(0).contains("site paris: 2 pool(s): paris-prod-a "), described.get(0));
    assertTrue(described.get(0).contains("logs in to the 3 address(es) of the inventory's pools of site paris"),
        described.get(0));
    assertTrue(described.get(1).contains("site lyon: 1 pool(s): lyon-prod "), described.get(1));
  }
}
