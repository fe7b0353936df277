/**
 * A deliberately wrong kernel, to prove the suite catches one (`--sabotage`): `Relu` swaps the
 * backend's Relu kernel for its Abs kernel (grossly wrong); `BatchMatMul*1.0002` keeps the real
 * kernel but scales its output by 1.0002 (a subtle error of about 2⁻¹², far above float32's ε).
 * The kernel registry is global to the page, so everything after this call sees the wrong kernel.
 */
import type { Backend } from '@synth/core';
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';

export function sabotageKernel(backend: Backend, spec: string): void {
  const { tf, engineName } = backend;
  const [kernelName, factorText] = spec.split('*') as [string, string | undefined];
  const original = tf.getKernel(kernelName, engineName);
  const abs = tf.getKernel('Abs', engineName);
  const mul = tf.getKernel('Multiply', engineName);
  if (original === undefined || abs === undefined || mul === undefined) throw new Error(`Cannot sabotage ${kernelName} on ${engineName}: no such kernel.`);
  tf.unregisterKernel(kernelName, engineName);
  if (factorText === undefined) {
    tf.registerKernel({ ...abs, kernelName, backendName: engineName });
    return;
  }
  const factor = Number(factorText);
  if (!Number.isFinite(factor)) throw new Error(`Invalid sabotage factor in ${spec}: expected KERNEL*number.`);
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const out = original.kernelFunc(args) as TensorInfo;
      const kb = args.backend as KernelBackend;
      const scale: TensorInfo = { dataId: kb.write(new Float32Array([factor]), [], 'float32'), shape: [], dtype: 'float32' };
      const scaled = mul.kernelFunc({ inputs: { a: out, b: scale }, backend: kb, attrs: {} }) as TensorInfo;
      kb.disposeData(out.dataId);
      kb.disposeData(scale.dataId);
      return scaled;
    },
  });
}
