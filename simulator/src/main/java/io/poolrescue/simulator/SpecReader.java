package io.poolrescue.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a JSON {@link PoolSpec}; anything unknown, mistyped or inconsistent is refused with its reason. */
final class SpecReader {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SpecReader() {}

  static PoolSpec read(Path json) {
    try {
      PoolSpec spec = MAPPER.readValue(Files.readAllBytes(json), PoolSpec.class);
      if (spec == null) {
        throw new IllegalArgumentException("pool spec " + json + ": empty document");
      }
      SpecValidator.validate(spec);
      return spec;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("pool spec " + json + ": no such file", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("pool spec " + json + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("pool spec " + json + ": cannot read: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("pool spec")) {
        throw new IllegalArgumentException(e.getMessage().replaceFirst("pool spec", "pool spec " + json), e);
      }
      throw e;
    }
  }
}
