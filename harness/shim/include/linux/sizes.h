/* SPDX-License-Identifier: GPL-2.0-only */
/* <linux/sizes.h>: the shim keeps the kernel API subset in one header */
#include <kshim.h>
