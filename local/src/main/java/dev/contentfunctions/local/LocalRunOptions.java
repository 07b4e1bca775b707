package dev.contentfunctions.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a newcomer may change about the local run, from arguments or environment variables (an
 * argument wins). local/README.md documents each.
 *
 * @param apiPort where the HTTP API listens; 0 for any free port
 * @param awsPort where the local AWS endpoint (moto) is reachable; 0 for any free port
 * @param apiPortExplicit whether the API port was asked for: a busy default port falls back to a
 *     free one, a busy requested port is an error
 * @param awsPortExplicit the same for the AWS port
 * @param contentDir mirrored into the content bucket (its posts/ folder becomes posts/ keys)
 * @param webDir static files served at / of the API, if the folder exists
 * @param parameters template parameters given with {@code --parameter Name=Value}: they win over
 *     local/parameters.properties and the template's defaults
 */
public record LocalRunOptions(
    int apiPort,
    int awsPort,
    boolean apiPortExplicit,
    boolean awsPortExplicit,
    Path contentDir,
    Path webDir,
    Map<String, String> parameters) {

  public LocalRunOptions {
    parameters = Map.copyOf(parameters);
  }

  static final int DEFAULT_API_PORT = 3000; // as `sam local start-api`
  static final int DEFAULT_AWS_PORT = 5000; // as moto_server
  private static final Set<String> OPTIONS =
      Set.of("--api-port", "--aws-port", "--content", "--web", "--parameter");

  static final String USAGE =
      """
      Usage: local/run [--api-port N] [--aws-port N] [--content DIR] [--web DIR]
                       [--parameter Name=Value]...

        --api-port N   the HTTP API's port (env LOCAL_API_PORT, default 3000)
        --aws-port N   the local AWS endpoint's port (env LOCAL_AWS_PORT, default 5000)
        --content DIR  mirrored into the content bucket (env LOCAL_CONTENT_DIR, default content/)
        --web DIR      the site bucket's files (env LOCAL_WEB_DIR, default web/)
        --parameter Name=Value
                       a template parameter, over local/parameters.properties and the
                       template's default (repeatable; ${LocalUrl} is the API's address)

      Port 0 is any free port. A busy default port is replaced by a free one; a busy port
      you asked for is an error.
      """;

  /**
   * @param workingDir relative paths are resolved against it (the caller's directory: local/run
   *     runs Java from local/ so that moto's log lands in local/target/)
   * @param repoRoot where the default content/ and web/ folders are
   */
  static LocalRunOptions parse(
      String[] args, Map<String, String> env, Path workingDir, Path repoRoot) {
    String apiPort = env.get("LOCAL_API_PORT");
    String awsPort = env.get("LOCAL_AWS_PORT");
    String content = env.get("LOCAL_CONTENT_DIR");
    String web = env.get("LOCAL_WEB_DIR");
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("Unknown option " + name);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[i + 1];
      switch (name) {
        case "--api-port" -> apiPort = value;
        case "--aws-port" -> awsPort = value;
        case "--content" -> content = value;
        case "--web" -> web = value;
        default -> {
          int equals = value.indexOf('=');
          if (equals < 1) {
            throw new IllegalArgumentException(
                "--parameter takes Name=Value (a parameter of template.yaml), not " + value);
          }
          parameters.put(value.substring(0, equals), value.substring(equals + 1));
        }
      }
    }
    return new LocalRunOptions(
        port(apiPort, DEFAULT_API_PORT, "API port"),
        port(awsPort, DEFAULT_AWS_PORT, "AWS port"),
        isSet(apiPort),
        isSet(awsPort),
        dir(content, workingDir, repoRoot.resolve("content")),
        dir(web, workingDir, repoRoot.resolve("web")),
        parameters);
  }

  private static int port(String value, int defaultPort, String what) {
    if (!isSet(value)) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(what + " must be a number from 0 to 65535, not " + value);
  }

  private static Path dir(String value, Path workingDir, Path defaultDir) {
    return (isSet(value) ? workingDir.resolve(value.trim()) : defaultDir)
        .toAbsolutePath()
        .normalize();
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
