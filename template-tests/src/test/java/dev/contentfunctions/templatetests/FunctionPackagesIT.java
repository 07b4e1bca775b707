package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every function of template.yaml against the deployment package `mvn package` built for it. */
class FunctionPackagesIT {

  private static final String LAMBDA_CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
  private static final List<String> STREAM_HANDLER_PARAMETERS =
      List.of("java.io.InputStream", "java.io.OutputStream", LAMBDA_CONTEXT);

  /**
   * HTTP clients the SDK would pick over the URLConnection one, and flexmark's everything-bundle.
   */
  private static final List<String> FORBIDDEN_JARS =
      List.of("apache-client-", "apache5-client-", "netty-nio-client-", "flexmark-all-");

  @TempDir Path unpacked;

  static Stream<FunctionDefinition> functions() {
    return CloudFormationTemplate.load(RepoPaths.template()).functions().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void packageHoldsTheHandlerAndNoForbiddenJar(FunctionDefinition function) throws Exception {
    assertThat(function.codeUri()).as(function.logicalId() + " CodeUri").isNotBlank();
    assertThat(function.handler()).as(function.logicalId() + " Handler").contains("::");
    Path zip = RepoPaths.root().resolve(function.codeUri());
    assertThat(zip)
        .as("%s: %s, built by mvn package", function.logicalId(), function.codeUri())
        .isRegularFile();

    DeploymentPackage.unzip(zip, unpacked);
    List<String> jars = jarNames(unpacked.resolve("lib"));
    System.out.printf(
        "%s: %s is %d bytes; lib/: %s%n",
        function.logicalId(), function.codeUri(), Files.size(zip), jars);

    assertThat(jars)
        .as("%s must not ship these jars", function.codeUri())
        .noneMatch(jar -> FORBIDDEN_JARS.stream().anyMatch(jar::startsWith));

    String className = function.handler().substring(0, function.handler().indexOf("::"));
    String methodName = function.handler().substring(function.handler().indexOf("::") + 2);
    // Parent is the platform loader: only what the zip holds is visible, as in Lambda.
    try (URLClassLoader loader =
        new URLClassLoader(classPath(unpacked, jars), ClassLoader.getPlatformClassLoader())) {
      Class<?> handler = Class.forName(className, false, loader);

      assertThat(Modifier.isPublic(handler.getModifiers())).as(className + " is public").isTrue();
      assertThat(handler.getConstructor()).as(className + " public no-arg constructor").isNotNull();
      // The two shapes the runtime calls: a stream handler's (event bytes in, response bytes out),
      // or a typed handler's (input, Context).
      assertThat(handler.getMethods())
          .as("%s has public %s(InputStream, OutputStream, %s) or %s(input, %s)",
              className, methodName, LAMBDA_CONTEXT, methodName, LAMBDA_CONTEXT)
          .anySatisfy(
              method -> {
                assertThat(method.getName()).isEqualTo(methodName);
                assertThat(parameterNames(method))
                    .satisfiesAnyOf(
                        names -> assertThat(names).isEqualTo(STREAM_HANDLER_PARAMETERS),
                        names -> assertThat(names).hasSize(2).last().isEqualTo(LAMBDA_CONTEXT));
              });
    }
  }

  private static List<String> parameterNames(Method method) {
    return Arrays.stream(method.getParameterTypes()).map(Class::getName).toList();
  }

  private static URL[] classPath(Path root, List<String> jars) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(root.toUri().toURL());
    for (String jar : jars) {
      urls.add(root.resolve("lib").resolve(jar).toUri().toURL());
    }
    return urls.toArray(URL[]::new);
  }

  private static List<String> jarNames(Path lib) throws IOException {
    if (!Files.isDirectory(lib)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(lib)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jar"))
          .sorted()
          .toList();
    }
  }
}
