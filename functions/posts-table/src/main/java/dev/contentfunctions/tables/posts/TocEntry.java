package dev.contentfunctions.tables.posts;

/** One heading of a post's table of contents: its level (2 for "##"), its text and the id of its anchor. */
public record TocEntry(int level, String text, String id) {}
