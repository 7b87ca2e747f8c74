import type { Variables } from '../load.js';
import type { ConfigModel } from '../model.js';
import type { PropertiesDocument, PropertyEntry } from '../properties/properties-document.js';
import { XmlDocument, XmlElement } from '../xml/xml-document.js';
import { log4j2ToModel } from './log4j2-xml.js';

const LOG4J2_KEY = /^(rootLogger|appender\.|logger\.|filter\.|property\.)/;

/** A properties file in Log4j 2's form (`appender.console.type = Console`, `rootLogger.level = info`), not log4j 1.2's. */
export function isLog4j2Properties(doc: PropertiesDocument): boolean {
  const keys = doc.keys();
  return !keys.some((key) => key.startsWith('log4j.')) && keys.some((key) => LOG4J2_KEY.test(key));
}

/** Names Log4j 2 gives elements written without a `type`. */
const DEFAULT_TYPES: Record<string, string> = { appenderref: 'AppenderRef', rootlogger: 'Root', logger: 'Logger' };

/**
 * Log4j 2's properties form as the elements of its XML form: `<prefix>.type` names the
 * element, `<prefix>.<key> = value` is an attribute, `<prefix>.<id>.<...>` with a type
 * (or an `appenderRef`) is a child element; `property.<name>` are the Properties,
 * `rootLogger = LEVEL, ref` and `logger.<id> = LEVEL, ref` the short forms. The XML
 * reader then reads it, errors and warnings naming the line.
 */
export function log4j2PropertiesToModel(doc: PropertiesDocument, variables: Variables): ConfigModel {
  const entries = doc.keys().map((key) => doc.entry(key)!);
  const root = new XmlElement('Configuration', -1, 1, 0, undefined);
  const properties = new XmlElement('Properties', -1, 1, 0, root);
  const appenders = new XmlElement('Appenders', -1, 1, 0, root);
  const loggers = new XmlElement('Loggers', -1, 1, 0, root);
  root.children.push(properties, appenders, loggers);
  const attribute = (element: XmlElement, name: string, entry: PropertyEntry, value = entry.value): void => {
    element.attributes.push({ name, value, valueStart: -1, valueEnd: -1, line: entry.line, column: 0 });
  };

  /** One component from the entries under `prefix` (each key relative to it). */
  const component = (parent: XmlElement, segment: string, under: PropertyEntry[], prefix: string): XmlElement => {
    const typeEntry = under.find((entry) => entry.key === `${prefix}.type`);
    const name = typeEntry?.value.trim() || DEFAULT_TYPES[segment.toLowerCase()] || segment;
    const line = (typeEntry ?? under[0])?.line ?? 1;
    const element = new XmlElement(name, -1, line, 0, parent);
    const groups = new Map<string, PropertyEntry[]>();
    for (const entry of under) {
      const rest = entry.key.slice(prefix.length + 1);
      const dot = rest.indexOf('.');
      if (dot < 0) {
        if (rest !== 'type') attribute(element, rest, entry);
        continue;
      }
      const head = rest.slice(0, dot);
      groups.set(head, [...(groups.get(head) ?? []), entry]);
    }
    for (const [head, group] of groups) {
      const path = `${prefix}.${head}`;
      const typed = group.some((entry) => entry.key === `${path}.type`);
      const collection = !typed && group.every((entry) => entry.key.slice(path.length + 1).includes('.'));
      if (!collection) {
        element.children.push(component(element, head, group, path));
        continue;
      }
      // `appenderRef.<id>.ref`, `filter.<id>.type`: one element per id.
      const members = new Map<string, PropertyEntry[]>();
      for (const entry of group) {
        const id = entry.key.slice(path.length + 1).split('.')[0]!;
        members.set(id, [...(members.get(id) ?? []), entry]);
      }
      for (const [id, member] of members) element.children.push(component(element, head, member, `${path}.${id}`));
    }
    return element;
  };

  /** `LEVEL, ref, ref` of the short forms onto a logger element. */
  const shortForm = (element: XmlElement, entry: PropertyEntry): void => {
    const [level = '', ...refs] = entry.value.split(',').map((part) => part.trim());
    if (level !== '') attribute(element, 'level', entry, level);
    for (const ref of refs.filter(Boolean)) {
      const appenderRef = new XmlElement('AppenderRef', -1, entry.line, 0, element);
      attribute(appenderRef, 'ref', entry, ref);
      element.children.push(appenderRef);
    }
  };

  const byGroup = new Map<string, PropertyEntry[]>();
  for (const entry of entries) {
    const [first, id] = entry.key.split('.');
    if (entry.key === 'rootLogger' || first === 'rootLogger') {
      byGroup.set('rootLogger', [...(byGroup.get('rootLogger') ?? []), entry]);
    } else if ((first === 'appender' || first === 'logger' || first === 'filter') && id) {
      const group = `${first}.${id}`;
      byGroup.set(group, [...(byGroup.get(group) ?? []), entry]);
    } else if (first === 'property' && id) {
      const property = new XmlElement('Property', -1, entry.line, 0, properties);
      attribute(property, 'name', entry, entry.key.slice('property.'.length));
      attribute(property, 'value', entry);
      properties.children.push(property);
    } else if (!entry.key.includes('.') && !['appenders', 'loggers', 'filters'].includes(entry.key)) {
      attribute(root, entry.key, entry);
    }
  }
  for (const [group, under] of byGroup) {
    const [kind, id = ''] = group.split('.');
    const shorthand = under.find((entry) => entry.key === group);
    const parts = under.filter((entry) => entry !== shorthand);
    const parent = kind === 'appender' ? appenders : kind === 'filter' ? root : loggers;
    const element = component(parent, kind === 'rootLogger' ? 'rootLogger' : kind === 'logger' ? 'logger' : id, parts, group);
    if (shorthand) {
      if (kind === 'logger' && !element.attribute('name')) attribute(element, 'name', shorthand, id);
      shortForm(element, shorthand);
    }
    parent.children.push(element);
  }
  return log4j2ToModel(XmlDocument.fromTree(doc.text, doc.file, root), variables);
}
