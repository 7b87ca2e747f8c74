import { jsonString } from '../../layouts/json-string.js';

/** One appended event, serialized, with the logger it came from (its instrumentation scope). */
export interface QueuedRecord {
  readonly scope: string;
  readonly json: string;
  /** UTF-8 length of `json`. */
  readonly bytes: number;
}

/** The OTLP/JSON Resource for string attributes (`service.name` first). */
export function resourceJson(attributes: readonly (readonly [string, string])[]): string {
  const values = attributes.map(([key, value]) => '{"key":' + jsonString(key) + ',"value":{"stringValue":' + jsonString(value) + '}}');
  return '{"attributes":[' + values.join(',') + '],"droppedAttributesCount":0}';
}

/**
 * The body of one POST /v1/logs (ExportLogsServiceRequest in OTLP/JSON) for
 * `records[start, end)`: one resource, and a ScopeLogs per run of consecutive
 * records of one logger, so that reading the scopes in order gives the records in
 * the order they were logged.
 */
export function exportRequest(resource: string, records: readonly QueuedRecord[], start: number, end: number): string {
  let out = '{"resourceLogs":[{"resource":' + resource + ',"scopeLogs":[';
  let scope: string | undefined;
  for (let i = start; i < end; i++) {
    const record = records[i]!;
    if (record.scope !== scope) {
      out += (scope === undefined ? '' : ']},') + '{"scope":{"name":' + jsonString(record.scope) + '},"logRecords":[' + record.json;
      scope = record.scope;
    } else {
      out += ',' + record.json;
    }
  }
  return out + (scope === undefined ? '' : ']}') + ']}]}';
}
