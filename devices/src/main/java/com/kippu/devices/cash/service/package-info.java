/**
 * {@link com.kippu.devices.cash.service.AbstractCashChanger}: the UnifiedPOS CashChanger service
 * logic shared by the simulated and the GPIO cash units, over the backend ports of {@code
 * com.kippu.devices.cash}.
 */
package com.kippu.devices.cash.service;
