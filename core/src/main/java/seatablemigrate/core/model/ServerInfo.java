package seatablemigrate.core.model;

/** What SeaTable's {@code /server-info/} answered. */
public record ServerInfo(SeaTableVersion version, Edition edition) {}
