import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { HTMLAttributes, ReactNode } from 'react';

/** What a `DialogShell` shows: its title, its content and its footer. */
export interface DialogShellProps {
  open: boolean;
  /** Escape, the backdrop and the Close button all call this. */
  onClose: () => void;
  /** The dialog's accessible name. */
  label: string;
  title: ReactNode;
  children: ReactNode;
  /** Buttons shown before Close (Copy details…). */
  actions?: ReactNode;
  /** The whole footer instead of Close (a dialog that is cancelled or chosen from). */
  footer?: ReactNode;
  surfaceClassName?: string;
  /** Attributes of the content region (a class, or `tabIndex` for a list that scrolls). */
  contentProps?: HTMLAttributes<HTMLDivElement>;
}

/**
 * A Fluent dialog with a title, content and, unless `footer` replaces it, a primary Close
 * button: the frame of the read-only dialogs (About, Shortcuts, properties, details, Settings).
 */
export function DialogShell(props: DialogShellProps) {
  const { open, onClose, label, title, children, actions, footer } = props;
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={props.surfaceClassName} aria-label={label}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent {...props.contentProps}>{children}</DialogContent>
          <DialogActions>
            {footer ?? (
              <>
                {actions}
                <Button appearance="primary" onClick={onClose}>
                  Close
                </Button>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
