package seatablemigrate.core.workflow;

import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.SeaTableVersion;

/** The resolved target: an explicit image tag, its version, and whether the image is already on the host. */
public record Target(Edition edition, SeaTableVersion version, ImageRef image, boolean presentLocally) {}
