package dev.contentfunctions.localaws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MotoServerTest {

  @Test
  void missingExecutableFailsWithTheInstallCommand() {
    assertThatThrownBy(() -> MotoServer.launch("no-such-moto-server", false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pip install 'moto[server]'");
  }
}
