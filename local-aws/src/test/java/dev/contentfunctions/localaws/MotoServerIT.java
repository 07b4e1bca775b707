package dev.contentfunctions.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MotoServerIT {

  @Test
  void sharedIsOneServerPerJvm() {
    assertThat(MotoServer.shared()).isSameAs(MotoServer.shared());
  }

  @Test
  void clientsAreBuiltOnceAndReachTheServer() {
    MotoServer moto = MotoServer.shared();

    assertThat(moto.dynamoDb()).isSameAs(moto.dynamoDb());
    assertThat(moto.s3()).isSameAs(moto.s3());
    assertThat(moto.sqs()).isSameAs(moto.sqs());
    moto.dynamoDb().listTables();
    moto.s3().listBuckets();
    moto.sqs().listQueues();
    assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(moto.region().id()).isEqualTo("us-east-1");
    assertThat(moto.logFile()).exists();
  }

  @Test
  void closeStopsAPrivateServerAndEverythingItStarted() throws IOException {
    long started = System.nanoTime();
    MotoServer moto = MotoServer.start();
    System.out.printf(
        "moto_server answered after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    URI endpoint = moto.endpoint();
    String port = String.valueOf(endpoint.getPort());
    assertThat(endpoint).isNotEqualTo(MotoServer.shared().endpoint());
    assertThat(motoProcessesOnPort(port)).isPositive();

    moto.close();

    assertThat(motoProcessesOnPort(port)).isZero();
    HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
    assertThatThrownBy(connection::getResponseCode).isInstanceOf(ConnectException.class);
  }

  private static long motoProcessesOnPort(String port) {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(
            p -> p.info().arguments().map(args -> Arrays.asList(args).contains(port)).orElse(false))
        .count();
  }
}
