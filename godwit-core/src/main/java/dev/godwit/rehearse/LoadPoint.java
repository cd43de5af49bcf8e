package dev.godwit.rehearse;

/** One operation of a load client, on the trace's time axis. */
public record LoadPoint(long startMs, long latencyMs, boolean write, boolean error) {}
