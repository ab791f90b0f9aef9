import { useCallback, useEffect } from 'react';
import { App } from 'antd';
import { useNavigate } from 'react-router-dom';

interface LeaveWording {
  title: string;
  body: string;
  leave: string;
  stay: string;
}

/**
 * An editor with unsaved changes: closing or reloading the tab asks the browser's question, and
 * `leaveTo(path)` (the page's Back button) asks ours first.
 */
export function useUnsavedGuard(dirty: boolean, wording: LeaveWording): (path: string) => void {
  const navigate = useNavigate();
  const { modal } = App.useApp();

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const { title, body, leave, stay } = wording;
  return useCallback(
    (path: string) => {
      if (!dirty) {
        navigate(path);
        return;
      }
      modal.confirm({ title, content: body, okText: leave, okButtonProps: { danger: true }, cancelText: stay, onOk: () => navigate(path) });
    },
    [dirty, navigate, modal, title, body, leave, stay],
  );
}
