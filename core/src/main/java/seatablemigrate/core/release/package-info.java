/**
 * Release: SeaTable's official release files downloaded when a plan is made ({@code --download-release-files}): the
 * release assets fetched over HTTPS ({@link seatablemigrate.core.release.ReleaseAssets}), compared with the digest GitHub
 * publishes, unpacked by our own reader ({@link seatablemigrate.core.release.ReleaseTarball}) and kept in a cache on the
 * machine the tool runs on ({@link seatablemigrate.core.release.ReleaseCache}), whose files are checked on every use.
 * It serves the plan package's {@link seatablemigrate.core.plan.ReleaseSource}; it never touches a host.
 */
package seatablemigrate.core.release;
