package dev.contentfunctions.tables.posts;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A name of another file's post refused this one: the name, the item holding it, and what that
 * means for the author.
 */
public final class NameTakenException extends PublicationRefusedException {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final transient Map<String, AttributeValue> heldBy;

  NameTakenException(PublicationPlan.Conflict conflict) {
    super("Not published: " + conflict.message() + ".");
    this.name = conflict.name();
    this.heldBy = conflict.heldBy();
  }

  public String name() {
    return name;
  }

  /** The key of the item (a post or an alias) that holds the name. */
  Map<String, AttributeValue> heldBy() {
    return heldBy;
  }
}
