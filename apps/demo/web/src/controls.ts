/**
 * The settings form: reads it into the pipeline's `DemoSettings`, shows the fields that apply
 * (`data-when="field:value"` / `data-unless="field:value"`), and marks the backends this browser
 * cannot start.
 */
import type { BackendRequest } from '@synth/core';
import type { FiringDistribution } from '../../src/model-settings';
import type { DemoSettings } from '../../src/pipeline';
import type { Architecture } from '../../src/sae-architectures';

/** A field the user got wrong, with the rule, for one line under the form. */
export class FormError extends Error {}

function field(form: HTMLFormElement, name: string): HTMLInputElement | HTMLSelectElement {
  const element = form.elements.namedItem(name);
  if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement)) throw new Error(`the form has no field ${name}`);
  return element;
}

function label(element: Element): string {
  return element.closest('label')?.firstChild?.textContent?.trim() ?? element.getAttribute('name') ?? '';
}

/** A number from an input, checked against its own min/max and integer step. */
function numberField(form: HTMLFormElement, name: string): number {
  const input = field(form, name) as HTMLInputElement;
  const value = Number(input.value);
  const min = input.min === '' ? -Infinity : Number(input.min);
  const max = input.max === '' ? Infinity : Number(input.max);
  const integer = input.step === '1';
  if (input.value.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const range = max === Infinity ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new FormError(`${label(input)}: expected ${integer ? 'an integer' : 'a number'} ${range}, got "${input.value}".`);
  }
  return value;
}

function choice<T extends string>(form: HTMLFormElement, name: string): T {
  return field(form, name).value as T;
}

/**
 * The settings the form describes.
 *
 * @throws FormError naming the first bad field.
 */
export function readSettings(form: HTMLFormElement): DemoSettings {
  const n = (name: string): number => numberField(form, name);
  const firingDistribution = choice<FiringDistribution>(form, 'firingDistribution');
  const architecture = choice<Architecture>(form, 'architecture');
  const maxProb = n('maxProb');
  const minProb = firingDistribution === 'constant' ? maxProb : n('minProb');
  if (minProb > maxProb) throw new FormError(`Min p (${minProb}) must not exceed max p (${maxProb}).`);
  const settings: DemoSettings = {
    backend: choice<BackendRequest>(form, 'backend'),
    seed: n('seed'),
    numFeatures: n('numFeatures'),
    hiddenDim: n('hiddenDim'),
    firingDistribution,
    maxProb,
    minProb,
    correlation: choice(form, 'correlation') === 'none' ? null : { rank: n('correlationRank'), scale: n('correlationScale') },
    hierarchy: choice(form, 'hierarchy') === 'none' ? null : {
      roots: n('hierarchyRoots'),
      branching: n('hierarchyBranching'),
      depth: n('hierarchyDepth'),
      mutuallyExclusive: (field(form, 'mutuallyExclusive') as HTMLInputElement).checked,
    },
    architecture,
    dSae: n('dSae'),
    l1Coefficient: architecture === 'standard' ? n('l1Coefficient') : 0,
    k: architecture === 'standard' ? 1 : n('k'),
    trainingSamples: n('trainingSamples'),
    batchSize: n('batchSize'),
    lr: n('lr'),
    evalSamples: n('evalSamples'),
  };
  if (settings.k > settings.dSae) throw new FormError(`k (${settings.k}) must not exceed the width (${settings.dSae}).`);
  return settings;
}

/** Shows the fields that apply to the current choices. */
export function syncVisibility(form: HTMLFormElement): void {
  for (const element of Array.from(form.querySelectorAll<HTMLElement>('[data-when], [data-unless]'))) {
    const [name, value] = (element.dataset.when ?? element.dataset.unless)!.split(':') as [string, string];
    const matches = field(form, name).value === value;
    element.hidden = element.dataset.when !== undefined ? !matches : matches;
  }
}

/** Whether this browser can start each GPU backend in a worker (WebGL 2 on an OffscreenCanvas, WebGPU). */
export async function detectBackends(): Promise<Record<'webgl' | 'webgpu', boolean>> {
  let webgl = false;
  try {
    webgl = typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('webgl2') !== null;
  } catch {
    webgl = false;
  }
  let webgpu = false;
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  try {
    webgpu = gpu !== undefined && (await gpu.requestAdapter()) != null;
  } catch {
    webgpu = false;
  }
  return { webgl, webgpu };
}

/** Disables the backend options this browser lacks, saying so in the option text. */
export function markBackends(form: HTMLFormElement, available: Record<'webgl' | 'webgpu', boolean>): void {
  const select = field(form, 'backend') as HTMLSelectElement;
  for (const option of Array.from(select.options)) {
    const ok = available[option.value as 'webgl' | 'webgpu'];
    if (ok === false) {
      option.disabled = true;
      option.textContent = `${option.textContent} (unavailable)`;
    }
  }
}
