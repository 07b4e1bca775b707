package dev.contentfunctions.publishing;

import dev.contentfunctions.kit.Env;

/**
 * The publisher's configuration, from the environment variables template.yaml sets.
 *
 * @param authorTopicArn the topic that e-mails the author one notice per failed upload or upload
 *     with warnings
 */
public record PublisherConfig(String postsTable, String mediaBucket, String authorTopicArn) {
  public PublisherConfig(String postsTable, String mediaBucket) {
    this(postsTable, mediaBucket, null);
  }

  public static PublisherConfig fromEnvironment() {
    return new PublisherConfig(
        Env.require("POSTS_TABLE"), Env.require("MEDIA_BUCKET"), Env.require("AUTHOR_TOPIC_ARN"));
  }
}
