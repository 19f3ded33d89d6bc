/**
 * What every stage knows of the job it serves: its {@link ddns.job.Mode} and whether it is a dry
 * run, as one {@link ddns.job.RunContext} handed from the facade down through the stages.
 */
package ddns.job;
