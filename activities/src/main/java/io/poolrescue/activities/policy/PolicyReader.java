package io.poolrescue.activities.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.poolrescue.pool.model.BackupArtefact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a worker's approval policy file (YAML or JSON, by extension) strictly: an unknown key is an
 * error, so a misspelt {@code quorum} never leaves a gate at one approval. The allowed-signers file
 * it names is read with it, so a run records both.
 */
public final class PolicyReader {
  private PolicyReader() {}

  /**
   * @param procedures the workflow types the worker runs: a policy entry for any other is a typo
   * @param unfencedAttestation the worker's flag, used where the file does not say
   */
  public static PolicyFile read(Path file, Set<String> procedures, boolean unfencedAttestation) {
    String source = file.toString();
    byte[] bytes = bytes(file, source);
    WorkerPolicy policy;
    try {
      policy = mapper(file).readValue(bytes, WorkerPolicy.class);
    } catch (UnrecognizedPropertyException e) {
      throw new PolicyException(source, List.of("unknown key '" + e.getPropertyName() + "'" + at(e)
          + " (known here: " + e.getKnownPropertyIds() + ")"));
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage().lines().findFirst().orElse("");
      throw new PolicyException(source, List.of("not a valid policy" + at(e) + why));
    } catch (IOException e) {
      throw new PolicyException(source, List.of("the file cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
    if (policy == null) {
      throw new PolicyException(source, List.of("the file is empty"));
    }
    if (policy.unfencedAttestation() == null) {
      policy = policy.withUnfencedAttestation(unfencedAttestation);
    }
    List<String> problems = new ArrayList<>(PolicyValidator.problems(policy, procedures));
    String signers = beside(file, "allowedSigners", policy.signatures().allowedSigners(), problems);
    problems.addAll(PolicyValidator.signerProblems(signers));
    String credentials = beside(file, "webauthnCredentials", policy.signatures().webauthnCredentials(), problems);
    if (!credentials.isEmpty()) {
      problems.addAll(PolicyValidator.credentialProblems(credentials));
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(source, problems);
    }
    return new PolicyFile(policy, source, BackupArtefact.sha256(bytes), signers,
        BackupArtefact.sha256(signers.getBytes(StandardCharsets.UTF_8)), credentials,
        BackupArtefact.sha256(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  /** The text of a file the policy names (relative to the policy file), "" when it names none. */
  private static String beside(Path policy, String key, String ref, List<String> problems) {
    if (!SignaturePolicy.named(ref)) {
      return "";
    }
    Path named = policy.toAbsolutePath().getParent().resolve(ref);
    try {
      return Files.readString(named, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add("signatures." + key + ": " + named + " cannot be read (" + e.getClass().getSimpleName() + ")");
      return "";
    }
  }

  private static byte[] bytes(Path file, String source) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PolicyException(source, List.of("the file does not exist"));
    } catch (IOException e) {
      throw new PolicyException(source, List.of("the file cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
  }

  private static ObjectMapper mapper(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : new JsonMapper();
    return mapper.registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  private static String at(IOException e) {
    return e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0
        ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
  }
}
