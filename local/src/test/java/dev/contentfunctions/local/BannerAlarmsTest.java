package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.AlarmDefinition;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The banner shows the template's alarms with their thresholds, and that none runs locally. */
class BannerAlarmsTest {

  private static final List<AlarmDefinition> ALARMS =
      AlarmDefinition.all(CloudFormationTemplate.load(RepoPaths.template()));

  @Test
  void everyAlarmOfTheTemplateIsShownWithWhenItFires() {
    StringBuilder text = new StringBuilder();
    Banner.alarms(text, ALARMS);

    assertThat(ALARMS).isNotEmpty();
    assertThat(text.toString())
        .contains("alarms      not evaluated locally (CloudWatch only)")
        .contains(
            "PublishFailureQueueNotEmptyAlarm  AWS/SQS ApproximateNumberOfMessagesVisible"
                + " (Maximum) >= 1 in 1 of 1 x 5 min")
        .contains(
            "HttpApi5xxRatioAlarm  5xx answers, % of requests (0 below 20 requests) (Sum) >= 5 in"
                + " 2 of 3 x 5 min");
    assertThat(ALARMS).allSatisfy(alarm -> assertThat(text).contains(alarm.summary()));
  }

  @Test
  void aTemplateWithoutAlarmsPrintsNothingAboutThem() {
    StringBuilder text = new StringBuilder();
    Banner.alarms(text, List.of());
    assertThat(text.toString()).isEmpty();
  }
}
