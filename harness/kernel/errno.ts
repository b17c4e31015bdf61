/** The errno values the driver returns, by name (include/uapi/asm-generic/errno-base.h). */
export const ERRNO: Readonly<Record<string, number>> = {
  EPERM: 1, ENOENT: 2, EIO: 5, ENXIO: 6, E2BIG: 7, ENOMEM: 12, EFAULT: 14, EBUSY: 16,
  EEXIST: 17, ENODEV: 19, EINVAL: 22, ENOSPC: 28, ERANGE: 34, ENOSYS: 38, ETIMEDOUT: 110,
  EOPNOTSUPP: 95,
};

const BY_VALUE = new Map(Object.entries(ERRNO).map(([k, v]) => [v, k]));

/** "-ENOMEM" for -12; the number itself for anything else. */
export function errname(ret: number): string {
  if (ret < 0 && BY_VALUE.has(-ret)) return `-${BY_VALUE.get(-ret)}`;
  return String(ret);
}

/** ERR_PTR(-errno) as the 64-bit pointer value the C sees. */
export function ERR_PTR(errno: number): bigint {
  return BigInt.asUintN(64, BigInt(-errno));
}
