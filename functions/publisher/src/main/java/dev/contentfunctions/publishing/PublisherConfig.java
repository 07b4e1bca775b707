package dev.contentfunctions.publishing;

import dev.contentfunctions.kit.Env;

/** The publisher's configuration, from the environment variables template.yaml sets. */
public record PublisherConfig(String postsTable, String mediaBucket) {
  public static PublisherConfig fromEnvironment() {
    return new PublisherConfig(Env.require("POSTS_TABLE"), Env.require("MEDIA_BUCKET"));
  }
}
