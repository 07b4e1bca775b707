package dev.contentfunctions.tables.posts;

/**
 * An image a post's HTML was rendered with, and the revision of its record read then (0: no record
 * yet). Publishing checks, in the post's own transaction, that the record still has that revision:
 * an image processed while the post was being rendered makes the publish a lost race, rendered
 * again, so a post never keeps showing an image as missing that has arrived.
 */
public record ImageUse(String key, long revision) {}
