package dev.contentfunctions.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RepoPathsTest {

  @Test
  void rootHoldsTheTemplateAndTheModules() {
    Path root = RepoPaths.root();

    assertThat(RepoPaths.template()).isEqualTo(root.resolve("template.yaml")).isRegularFile();
    assertThat(root.resolve("local-aws/pom.xml")).isRegularFile();
  }

  @Test
  void moduleFolderAsRepoRootLeadsToItsParent() {
    // What Maven passes as repo.root when it is run from inside a module's folder.
    Path root = RepoPaths.root();
    String previous = System.getProperty("repo.root");
    System.setProperty("repo.root", root.resolve("local-aws").toString());
    try {
      assertThat(RepoPaths.root()).isEqualTo(root);
    } finally {
      if (previous == null) {
        System.clearProperty("repo.root");
      } else {
        System.setProperty("repo.root", previous);
      }
    }
  }
}
