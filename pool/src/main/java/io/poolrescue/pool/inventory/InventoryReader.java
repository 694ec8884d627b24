package io.poolrescue.pool.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads an inventory file, JSON or YAML (by its extension), strictly: an unknown key is an error,
 * so a misspelt {@code bmc} is not silently a host without fencing. Error messages give the place
 * but never the file's text, which may hold a secret typed by mistake.
 */
public final class InventoryReader {
  private InventoryReader() {}

  public static Inventory read(Path file) {
    String source = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InventoryException(source, List.of("the file does not exist"));
    } catch (IOException e) {
      throw new InventoryException(source, List.of("the file cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
    Inventory inventory;
    try {
      inventory = mapper(file).readValue(bytes, Inventory.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InventoryException(source, List.of("unknown key '" + e.getPropertyName() + "'" + at(e.getLocation())
          + " (known here: " + e.getKnownPropertyIds() + ")"));
    } catch (JsonProcessingException e) {
      throw new InventoryException(source, List.of("not a valid inventory" + at(e.getLocation())));
    } catch (IOException e) {
      throw new InventoryException(source, List.of("the file cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
    List<String> problems = InventoryValidator.problems(inventory);
    if (!problems.isEmpty()) {
      throw new InventoryException(source, problems);
    }
    return inventory;
  }

  private static ObjectMapper mapper(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml")
        ? YAMLMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build()
        : JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();
    return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
