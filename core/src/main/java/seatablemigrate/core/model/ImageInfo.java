package seatablemigrate.core.model;

import java.util.List;

/** A local image: its ID and every repository:tag that names it. */
public record ImageInfo(String id, List<String> repoTags) {
    public ImageInfo {
        repoTags = List.copyOf(repoTags);
    }
}
