import Handlebars from 'handlebars';
import { TEMPLATE_VARIABLES, type CampaignVariant, type TemplateVariable, type VariantField } from '@fulcrum/shared';

/** What a template is filled with for one recipient; an unknown value is the empty string. */
export type TemplateData = Record<TemplateVariable, string>;

/** Attributes of a recipient that variants are chosen by (lowercased for matching). */
export type VariantAttributes = Partial<Record<VariantField, string | null>>;

export interface TemplateProblem {
  path: string;
  message: string;
}

const KNOWN = new Set<string>(TEMPLATE_VARIABLES);
const BLOCK_HELPERS = new Set(['if', 'unless']);

/**
 * The problems of one template source: a syntax error, or anything beyond `{{variable}}` and
 * `{{#if variable}}…{{else}}…{{/if}}` (and `unless`) over the known variables. Caught at save time, so
 * a campaign never fails at send time because of its text.
 */
export function templateProblems(source: string, path: string): TemplateProblem[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    return [{ path, message: `The template does not parse: ${(error as Error).message.split('\n')[0]}` }];
  }
  const problems: TemplateProblem[] = [];
  const line = (node: hbs.AST.Node) => `line ${node.loc?.start.line ?? '?'}`;
  const variable = (node: hbs.AST.Expression, where: hbs.AST.Node) => {
    if (node.type !== 'PathExpression') {
      problems.push({ path, message: `Only variables may be used here (${line(where)})` });
      return;
    }
    const name = (node as hbs.AST.PathExpression).original;
    if (!KNOWN.has(name)) {
      problems.push({ path, message: `Unknown variable {{${name}}} (${line(where)}). Use one of: ${TEMPLATE_VARIABLES.join(', ')}` });
    }
  };
  const walk = (nodes: hbs.AST.Statement[]) => {
    for (const node of nodes) {
      if (node.type === 'MustacheStatement') {
        const mustache = node as hbs.AST.MustacheStatement;
        if (mustache.params.length > 0 || (mustache.hash && mustache.hash.pairs.length > 0)) {
          problems.push({ path, message: `Helpers are not available in templates (${line(node)}): write {{variable}}` });
        } else variable(mustache.path, node);
      } else if (node.type === 'BlockStatement') {
        const block = node as hbs.AST.BlockStatement;
        const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
        if (!BLOCK_HELPERS.has(helper) || block.params.length !== 1) {
          problems.push({ path, message: `Only {{#if variable}} and {{#unless variable}} blocks are available (${line(node)})` });
        } else variable(block.params[0], node);
        walk(block.program?.body ?? []);
        walk(block.inverse?.body ?? []);
      } else if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement' || node.type === 'DecoratorBlock' || node.type === 'Decorator') {
        problems.push({ path, message: `Partials are not available in templates (${line(node)})` });
      }
    }
  };
  walk(program.body);
  return problems;
}

/** Every problem of a campaign's texts, with paths the editor shows at its fields. */
export function campaignTemplateProblems(campaign: { subject: string; body: string; variants: readonly CampaignVariant[] }): TemplateProblem[] {
  return [
    ...templateProblems(campaign.subject, 'subject'),
    ...templateProblems(campaign.body, 'body'),
    ...campaign.variants.flatMap((variant, index) => [
      ...templateProblems(variant.subject, `variants.${index}.subject`),
      ...templateProblems(variant.body, `variants.${index}.body`),
    ]),
  ];
}

/** The first variant whose field holds one of its values (without regard to case), or null: the default text. */
export function chooseVariant<V extends Pick<CampaignVariant, 'field' | 'values'>>(variants: readonly V[], attributes: VariantAttributes): V | null {
  for (const variant of variants) {
    const value = attributes[variant.field]?.trim().toLowerCase();
    if (value && variant.values.some((candidate) => candidate.trim().toLowerCase() === value)) return variant;
  }
  return null;
}

interface CompiledText {
  subject: Handlebars.TemplateDelegate;
  body: Handlebars.TemplateDelegate;
}

export interface RenderedInvitationText {
  /** The variant's name, or null for the default text. */
  variant: string | null;
  subject: string;
  /** Plain text: the layout turns it into paragraphs and links. */
  body: string;
}

/** A campaign's texts compiled once; renders each recipient's subject and body as plain text. */
export class CompiledCampaign {
  private readonly handlebars = Handlebars.create();
  private readonly main: CompiledText;
  private readonly variants: Array<CampaignVariant & CompiledText>;

  constructor(campaign: { subject: string; body: string; variants: readonly CampaignVariant[] }) {
    const compile = (source: string) => this.handlebars.compile(source, { noEscape: true, knownHelpers: { if: true, unless: true }, knownHelpersOnly: true });
    this.main = { subject: compile(campaign.subject), body: compile(campaign.body) };
    this.variants = campaign.variants.map((variant) => ({ ...variant, subject: compile(variant.subject), body: compile(variant.body) }) as never);
  }

  render(data: TemplateData, attributes: VariantAttributes): RenderedInvitationText {
    const variant = chooseVariant(this.variants, attributes);
    const text = variant ?? this.main;
    return {
      variant: variant?.name ?? null,
      subject: text.subject(data).replace(/\s+/g, ' ').trim(),
      body: text.body(data).trim(),
    };
  }
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]。，；：！？）]/g;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Plain text to HTML paragraphs: everything escaped, blank lines separate paragraphs, single
 * newlines break lines, and each http(s) address becomes a link through `link` (the click tracker).
 */
export function textToHtml(text: string, link: (url: string) => string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => {
      let html = '';
      let last = 0;
      for (const match of paragraph.matchAll(URL_PATTERN)) {
        html += escapeHtml(paragraph.slice(last, match.index));
        html += `<a href="${escapeHtml(link(match[0]))}">${escapeHtml(match[0])}</a>`;
        last = (match.index ?? 0) + match[0].length;
      }
      html += escapeHtml(paragraph.slice(last));
      return `<p>${html.replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
}
