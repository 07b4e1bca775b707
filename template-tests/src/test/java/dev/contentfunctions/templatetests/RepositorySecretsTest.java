package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.templatetests.SecretFinder.Finding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No credential or secret in any file git tracks: AWS access key ids, private keys, AWS secret
 * access keys, and random-looking values given to names like secret, password or token. The only
 * exceptions are the test dummies of {@link KnownDummies}.
 */
class RepositorySecretsTest {

  /** Every finding in the tracked files, as "path:line kind", with its value. */
  private static final List<Located> FOUND = new ArrayList<>();

  private record Located(String where, Finding finding) {}

  @BeforeAll
  static void scanTrackedFiles(@TempDir Path dir) throws IOException, InterruptedException {
    for (String file : trackedFiles(dir)) {
      String text = text(RepoPaths.root().resolve(file));
      if (text != null) {
        for (Finding finding : SecretFinder.find(text)) {
          FOUND.add(new Located(file + ":" + finding.line() + " " + finding.kind(), finding));
        }
      }
    }
  }

  @Test
  void trackedFilesHoldNoSecretsButKnownDummies() {
    List<String> secrets =
        FOUND.stream()
            .filter(found -> !KnownDummies.REASONS.containsKey(found.finding().value()))
            .map(found -> found.where() + " " + redacted(found.finding().value()))
            .toList();

    assertThat(secrets).as("remove and rotate these; a test dummy goes in KnownDummies").isEmpty();
  }

  @Test
  void everyKnownDummyIsStillInTheRepository() {
    Set<String> values = new TreeSet<>();
    FOUND.forEach(found -> values.add(found.finding().value()));

    // An exception nothing needs any more would let that value back in unnoticed.
    assertThat(values).containsAll(KnownDummies.REASONS.keySet());
  }

  @Test
  void findsEachKindOfSecret() {
    // Assembled here so that this file holds none of them.
    String accessKeyId = "AKIA" + "J3PQ5ZTW7NR2LX4K";
    String privateKey = "-----BEGIN " + "OPENSSH PRIVATE KEY-----";
    String awsKey = "q9Xv2LbT0wRz8KpN3mYc7HsJ1dFgA5eUoQiWtE4r";
    String random = "Zx8Qm2Lp9Rt4Vb7Nc3Kd6Hf1Jg5Ws0Ye";
    String text =
        String.join(
            "\n",
            "aws_access_key_id = " + accessKeyId,
            privateKey,
            "aws_secret" + "_access_key=" + awsKey,
            "{\"db_pass" + "word\": \"" + random + "\"}",
            "HashingSec" + "ret: " + random,
            "PreviewTo" + "ken=" + random);

    assertThat(SecretFinder.find(text))
        .extracting(Finding::line, Finding::kind, Finding::value)
        .containsExactly(
            tuple(1, "AWS access key id", accessKeyId),
            tuple(2, "private key", privateKey),
            tuple(3, "AWS secret access key", awsKey),
            tuple(4, "random-looking value of a secret's name", random),
            tuple(5, "random-looking value of a secret's name", random),
            tuple(6, "random-looking value of a secret's name", random));
  }

  @Test
  void ignoresWordsAndVariablesGivenToSecretNames() {
    String text =
        String.join(
            "\n",
            "JsonToken to" + "ken = parser.currentToken();",
            "X-Preview-To" + "ken: preview-token-wrong-wrong-wrong",
            "--user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET" + "_ACCESS_KEY\"",
            "aws_secret" + "_access_key=$AWS_SECRET" + "_ACCESS_KEY",
            "HashingSec" + "ret=${HashingSecret}");

    assertThat(SecretFinder.find(text)).isEmpty();
  }

  /** Enough to find it in the file, not enough to use it from a build log. */
  private static String redacted(String value) {
    return value.substring(0, Math.min(4, value.length()))
        + "... ("
        + value.length()
        + " characters)";
  }

  private static List<String> trackedFiles(Path dir) throws IOException, InterruptedException {
    Path list = dir.resolve("ls-files");
    Process git =
        new ProcessBuilder("git", "ls-files", "-z")
            .directory(RepoPaths.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(list.toFile())
            .start();
    assertThat(git.waitFor(1, TimeUnit.MINUTES)).as("git ls-files finished").isTrue();
    String output = Files.readString(list);
    assertThat(git.exitValue()).as("git ls-files (is this a git checkout?):\n" + output).isZero();
    return List.of(output.split("\0"));
  }

  /** The file's text; null for a binary file, or one deleted in the working tree. */
  private static String text(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.indexOf('\0') >= 0 ? null : text;
    } catch (CharacterCodingException binary) {
      return null;
    }
  }
}
