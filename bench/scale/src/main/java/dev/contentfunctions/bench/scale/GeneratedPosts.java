package dev.contentfunctions.bench.scale;

import dev.contentfunctions.tables.posts.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark's blog, as issue 16 measured it: posts of 1,000-1,500 words, one to four tags from
 * a pool of 30, dates over the ten years before the run, 2% drafts, and five posts scheduled for
 * the coming month (an author's queue: it does not grow with the blog). Post {@code i} is the same
 * in every run and whatever the size loaded (its own seed), so each size holds the smaller one.
 */
final class GeneratedPosts {
  static final List<String> TAGS =
      List.of(
          "mindfulness", "communication", "trust", "conflict", "listening", "boundaries", "intimacy", "parenting",
          "self-care", "anxiety", "attachment", "forgiveness", "gratitude", "empathy", "routines", "grief",
          "change", "work-life", "dating", "marriage", "friendship", "family", "stress", "sleep", "habits",
          "meditation", "journaling", "values", "repair", "calm");

  private static final String[] WORDS =
      ("the of and to a in that is was he for it with as his on be at by i this had not are but from or have an they "
              + "which one you were her all she there would their we him been has when who will more no if out so said "
              + "what up its about into than them can only other new some could time these two may then do first any my "
              + "now such like our over man me even most made after also did many before must through back years where "
              + "much your way well down should because each just those people how too little state good very make world "
              + "still own see men work long get here between both life being under never day same another know while last "
              + "might us great old year off come since against go came right used take three partner listen feel calm "
              + "together breathe notice gently moment kindness connection respect patience honest")
          .split(" ");

  /** A post's content and its place in the blog. */
  record Generated(int index, String slug, String title, Instant date, boolean draft, List<String> tags, String markdownBody) {
    String key() {
      return "posts/" + slug + ".md";
    }

    boolean dueAt(Instant now) {
      return !draft && !date.isAfter(now);
    }

    String markdown() {
      StringBuilder front = new StringBuilder("---\n");
      front.append("title: \"").append(title).append("\"\n");
      front.append("date: ").append(date).append('\n');
      front.append("slug: ").append(slug).append('\n');
      front.append("tags: [").append(String.join(", ", tags)).append("]\n");
      if (draft) {
        front.append("draft: true\n");
      }
      return front.append("---\n\n").append(markdownBody).toString();
    }

    /** The post as the publisher would store it, rendered simply (paragraphs and headings). */
    Post post() {
      StringBuilder html = new StringBuilder();
      int words = 0;
      for (String block : markdownBody.split("\n\n")) {
        if (block.startsWith("## ")) {
          html.append("<h2>").append(block.substring(3)).append("</h2>\n");
        } else {
          html.append("<p>").append(block).append("</p>\n");
          words += block.split(" ").length;
        }
      }
      String excerpt = markdownBody.substring(0, Math.min(200, markdownBody.length()));
      return new Post(
          slug, title, "About " + title.toLowerCase(), excerpt, date, null, tags, null, draft, null, List.of(), Map.of(),
          html.toString(), List.of(), words, Math.max(1, words / 230), "hash-" + index, key(), List.of());
    }
  }

  private final Instant now;

  GeneratedPosts(Instant now) {
    this.now = now;
  }

  Generated post(int index) {
    Random random = new Random(16_000_000L + index);
    String slug = String.format("post-%05d-%s-%s", index, WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]);
    String title = "Post " + index + ": " + capitalised(WORDS[random.nextInt(WORDS.length)]) + " " + WORDS[random.nextInt(WORDS.length)];
    int kind = random.nextInt(100);
    boolean draft = kind < 2;
    boolean scheduled = index < 100 && index % 20 == 7;
    Instant date =
        scheduled
            ? now.plus(Duration.ofHours(1 + random.nextInt(30 * 24)))
            : now.minus(Duration.ofMinutes(1 + random.nextInt(10 * 365 * 24 * 60)));
    Set<String> tags = new LinkedHashSet<>();
    int tagCount = 1 + random.nextInt(4);
    while (tags.size() < tagCount) {
      // Skewed: a few tags are much more used than others, as on a real blog.
      tags.add(TAGS.get((int) (Math.pow(random.nextDouble(), 2) * TAGS.size())));
    }
    int words = 1_000 + random.nextInt(501);
    StringBuilder body = new StringBuilder();
    for (int written = 0, paragraph = 0; written < words; paragraph++) {
      if (paragraph % 4 == 3) {
        body.append("## ").append(capitalised(WORDS[random.nextInt(WORDS.length)])).append(' ')
            .append(WORDS[random.nextInt(WORDS.length)]).append("\n\n");
      }
      int length = Math.min(60 + random.nextInt(60), words - written);
      List<String> sentence = new ArrayList<>();
      for (int w = 0; w < length; w++) {
        sentence.add(WORDS[random.nextInt(WORDS.length)]);
      }
      body.append(capitalised(String.join(" ", sentence))).append(".\n\n");
      written += length;
    }
    return new Generated(index, slug, title, date.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), draft, List.copyOf(tags), body.toString().strip() + "\n");
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
