/**
 * The command line: picocli commands that parse input, assemble core with the selected backend through Guice,
 * and render results. No workflow logic lives here.
 */
package seatablemigrate.cli;
