package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.kit.events.RecordBatch;
import dev.contentfunctions.kit.events.S3Change;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.DynamoDbStreamEvents;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.HttpApiRequest;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A RequestStreamHandler behind each kind of trigger: it reads the JSON Lambda would send it (with
 * the kit's own decoders), the trigger reads back the JSON it writes, and its standard-output log
 * lines are shown under the function's name.
 */
class LocalFunctionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CloudFormationTemplate TEMPLATE =
      TestTemplates.load("stream-handlers-template.yaml");

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream consoleOut = new PrintStream(console, true, StandardCharsets.UTF_8);
  private PrintStream standardOutput;

  @BeforeEach
  void functionsWriteToTheirOutput() {
    standardOutput = System.out;
    System.setOut(FunctionOutput.around(consoleOut));
  }

  @AfterEach
  void restoreStandardOutput() {
    System.setOut(standardOutput);
  }

  @Test
  void httpFunctionReadsTheEventsJsonAndItsResponseIsReadBack() {
    LocalFunction function = load("HttpFunction");

    Object response =
        function.invoke(
            HttpApiRequest.of("GET", "/posts/a?tag=x%20y").build(), APIGatewayV2HTTPResponse.class);

    assertThat(response).isInstanceOf(APIGatewayV2HTTPResponse.class);
    APIGatewayV2HTTPResponse http = (APIGatewayV2HTTPResponse) response;
    assertThat(http.getStatusCode()).isEqualTo(201);
    assertThat(http.getHeaders()).containsEntry("content-type", "text/plain");
    assertThat(http.getBody()).isEqualTo("GET /posts/a?tag=x%20y");
    assertThat(StreamEchoHandler.LAST_EVENT.get()).contains("\"rawPath\":\"/posts/a\"");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("  HttpFunction  echo.http path=/posts/a reason=\"with spaces in it\"")
        .doesNotContain("requestId");
  }

  @Test
  void s3FunctionReadsTheEventAsLambdaSerialisesIt() {
    LocalFunction function = load("S3Function");
    // What S3EventPoller does with a queue message: Lambda's serializer reads it.
    S3Event event =
        LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader())
            .fromJson(new String(RepoPaths.sampleEvent("s3-put-post.json"), StandardCharsets.UTF_8));

    assertThat(function.invoke(event, Void.class)).isNull();

    RecordBatch<S3Change> batch = StreamEchoHandler.LAST_S3.get();
    assertThat(batch.entries()).hasSize(1);
    S3Change change = ((RecordBatch.Readable<S3Change>) batch.entries().get(0)).record();
    assertThat(change.bucket()).isEqualTo(event.getRecords().get(0).getS3().getBucket().getName());
    assertThat(change.key()).startsWith("posts/");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("  S3Function  WARN echo.s3");
  }

  @Test
  void streamFunctionsPartialBatchResponseIsReadBack() {
    LocalFunction function = load("StreamFunction");
    List<ObjectNode> records = List.of(record("100"), record("200"));

    Object response =
        function.invoke(DynamoDbStreamEvents.event(records), StreamsEventResponse.class);

    assertThat(response).isInstanceOf(StreamsEventResponse.class);
    assertThat(((StreamsEventResponse) response).getBatchItemFailures())
        .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("200");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("  StreamFunction  echo.stream records=2");
  }

  @Test
  void aResponseThatIsNotJsonIsReportedAsInvalid() {
    LocalFunction function = load("HttpFunction");

    assertThatThrownBy(
            () ->
                function.invoke(
                    HttpApiRequest.of("GET", "/not-json").build(), APIGatewayV2HTTPResponse.class))
        .isInstanceOf(LocalFunction.InvalidResponseException.class)
        .hasMessageStartingWith("HttpFunction wrote a response that is not the JSON of a");
  }

  private LocalFunction load(String name) {
    FunctionDefinition definition =
        TEMPLATE.functions().stream()
            .filter(f -> f.logicalId().equals(name))
            .findFirst()
            .orElseThrow();
    return LocalFunction.load(TEMPLATE, definition, consoleOut);
  }

  private static ObjectNode record(String sequenceNumber) {
    ObjectNode record = JSON.createObjectNode();
    record.put("eventID", "e-" + sequenceNumber);
    record.put("eventName", "INSERT");
    record.put("eventVersion", "1.1");
    record.put("eventSource", "aws:dynamodb");
    record.put("awsRegion", "us-east-1");
    ObjectNode change = record.putObject("dynamodb");
    change.put("ApproximateCreationDateTime", 1700000000);
    change.putObject("Keys").putObject("pk").put("S", "REQ#" + sequenceNumber);
    change.putObject("NewImage").putObject("pk").put("S", "REQ#" + sequenceNumber);
    change.put("SequenceNumber", sequenceNumber);
    change.put("SizeBytes", 20);
    change.put("StreamViewType", "NEW_IMAGE");
    record.put("eventSourceARN", "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1");
    return record;
  }
}
