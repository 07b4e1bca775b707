package dev.contentfunctions.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {
  private static final String SOURCE = "192.0.2.1";
  private static final String VERIFY = "5f0c3e2a-9d41-11ef-8c1b-0a3c5e7d9b21";

  @ParameterizedTest
  @CsvSource({
    "198.51.100.7:51234, 198.51.100.7",
    "0.0.0.0:0, 0.0.0.0",
    "255.255.255.255:65535, 255.255.255.255",
    // IPv6: split at the last colon; written in the canonical form, so one address is one counter.
    "2001:db8::7:443, 2001:db8:0:0:0:0:0:7",
    "2001:0db8:0000:0000:0000:0000:0000:0007:443, 2001:db8:0:0:0:0:0:7",
    "[2001:db8::7]:443, 2001:db8:0:0:0:0:0:7",
    "::1:8080, 0:0:0:0:0:0:0:1",
    // An IPv4-mapped IPv6 address is the IPv4 address.
    "::ffff:198.51.100.8:443, 198.51.100.8",
  })
  void cloudFrontsViewerAddressIsTheClientsWithoutItsPort(String viewer, String expected) {
    assertThat(ClientAddress.of(SOURCE, viewer, VERIFY, VERIFY)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "198.51.100.7",
        "198.51.100.7:",
        "198.51.100.7:port",
        "198.51.100.7:123456",
        "256.1.1.1:80",
        "1.2.3:80",
        "example.com:443",
        "localhost:80",
        ".1.2.3.4:80",
        "2001:db8::zz:443",
        "2001:db8:::1:443",
        "fe80::1%eth0:443",
        ":443",
        "198.51.100.7:80, 203.0.113.9:80",
        "<script>:80"
      })
  void garbageFallsBackToTheSourceAddress(String viewer) {
    assertThat(ClientAddress.of(SOURCE, viewer, VERIFY, VERIFY)).isEqualTo(SOURCE);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "wrong", VERIFY + " ", "5F0C3E2A-9D41-11EF-8C1B-0A3C5E7D9B21", "5f0c3e2a"})
  void viewerAddressIsIgnoredWithoutCloudFrontsVerification(String verifyHeader) {
    assertThat(ClientAddress.of(SOURCE, "198.51.100.7:51234", verifyHeader, VERIFY)).isEqualTo(SOURCE);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " "})
  void aDeploymentWithoutAVerificationValueTrustsNoViewerAddress(String originVerify) {
    assertThat(ClientAddress.of(SOURCE, "198.51.100.7:51234", originVerify, originVerify)).isEqualTo(SOURCE);
    assertThat(ClientAddress.of(SOURCE, "198.51.100.7:51234", "", originVerify)).isEqualTo(SOURCE);
  }

  @ParameterizedTest
  @NullSource
  void noViewerAddressIsTheSourceAddress(String viewer) {
    assertThat(ClientAddress.of(SOURCE, viewer, VERIFY, VERIFY)).isEqualTo(SOURCE);
  }
}
