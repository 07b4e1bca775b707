package dev.contentfunctions.publishing.markdown;

/**
 * A post split into its validated front matter and its Markdown body.
 *
 * @param body the Markdown after the closing front matter line
 */
public record PostSource(FrontMatter frontMatter, String body) {}
