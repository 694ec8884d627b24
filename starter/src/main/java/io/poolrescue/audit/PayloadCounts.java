package io.poolrescue.audit;

/**
 * How many payloads of a history are sealed by the payload codec and how many are plaintext. A
 * history with both may have been edited in the clear: a plaintext payload needs no key to write.
 */
public record PayloadCounts(int encrypted, int plaintext, java.util.List<String> plaintextIn) {

  public PayloadCounts {
    plaintextIn = plaintextIn == null ? java.util.List.of() : java.util.List.copyOf(plaintextIn);
  }

  public int total() {
    return encrypted + plaintext;
  }

  /** True when the history holds sealed and plaintext payloads side by side. */
  public boolean mixed() {
    return encrypted > 0 && plaintext > 0;
  }

  /** The report's warning for a mixed history, or null. */
  public String warning() {
    return !mixed() ? null : "this history mixes encrypted and plaintext payloads (" + plaintext + " plaintext of "
        + total() + "), plaintext in event " + String.join(", ", plaintextIn) + ": a plaintext payload can be written without the key, so what it says (a request, a "
        + "decision, a result) may have been edited; compare with the server's own copy";
  }
}
