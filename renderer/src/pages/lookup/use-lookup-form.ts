// Its one job: the Quick Lookup form — its MAC and serial fields follow the route (back,
// forward, reload, a link), Look up checks the MAC and records the lookup in the route, and a
// MAC read by the camera is looked up at once.
import { useEffect, useRef, useState } from 'react';
import { parseMac } from '../../../../core/domain/mac';
import type { SystemSummary } from '../../../../core/systems/contract';
import { navigate } from '../../routing/hash-route';
import type { ScanOutcome } from '../../scan/types';
import { checkLookup, lookupHref, type LookupQuery, type LookupRoute } from './lookup-query';
import { displayMac } from '../../i18n/format';

export function useLookupForm(route: LookupRoute, { refresh }: { refresh: () => void }) {
  const [macText, setMacText] = useState(route.macText);
  const [serial, setSerial] = useState(route.serial);
  const [macError, setMacError] = useState<string | null>(route.macError);
  const macInput = useRef<HTMLInputElement | null>(null);

  // Another lookup in the address (back, forward, a link): the form shows what it looks up.
  const { macText: routeMac, serial: routeSerial, macError: routeError } = route;
  useEffect(() => {
    setMacText(routeMac);
    setSerial(routeSerial);
    setMacError(routeError);
  }, [routeMac, routeSerial, routeError]);

  const lookUp = (query: LookupQuery) => {
    const href = lookupHref(query);
    // The same lookup again: ask the cache again rather than do nothing.
    if (window.location.hash === href) refresh();
    else navigate(href);
  };

  const submit = () => {
    const check = checkLookup(macText, serial);
    if (!check.ok) {
      setMacError(check.macError);
      macInput.current?.focus();
      return;
    }
    setMacText(check.macText);
    setMacError(null);
    lookUp(check.query);
  };

  /**
   * The MAC field left, Enter pressed in it, or a known system picked from its list. Leaving it
   * shows the MAC canonical (the prefix added in plain sight) but adds no note under it: a line
   * appearing there would move the Look up button under a pointer on its way to click it.
   */
  const commitMac = (value: string, picked: SystemSummary | null) => {
    if (picked) {
      setMacText(displayMac(picked.mac));
      setMacError(null);
      lookUp({ mac: picked.mac, serial: serial.trim() });
      return;
    }
    if (value.trim() === '') {
      setMacError(null);
      return;
    }
    const parsed = parseMac(value);
    if (!parsed.ok) {
      setMacError(parsed.message);
      return;
    }
    setMacText(parsed.display);
    setMacError(null);
  };

  const onScanned = (mac: string): ScanOutcome => {
    setMacText(displayMac(mac));
    setMacError(null);
    lookUp({ mac, serial: serial.trim() });
    return { kind: 'added', field: 1 };
  };

  return {
    macText,
    onMacChange: setMacText,
    commitMac,
    macError,
    macInput,
    serial,
    setSerial,
    submit,
    onScanned,
  };
}
