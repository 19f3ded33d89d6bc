/**
 * Step 1, event in: decodes what the Lambda receives (one EventBridge event or an SQS batch) into
 * state changes, tag changes, schedules, or rejections that name the bad field. Pure; never throws
 * on bad input.
 */
package ddns.event;
