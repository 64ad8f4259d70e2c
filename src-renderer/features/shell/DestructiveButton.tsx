import {
  Button,
  makeStyles,
  mergeClasses,
  tokens,
  type ButtonProps,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  destructive: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorStatusDangerBackground3Hover,
      color: tokens.colorNeutralForegroundOnBrand,
    },
    ':hover:active': {
      backgroundColor: tokens.colorStatusDangerBackground3Pressed,
      color: tokens.colorNeutralForegroundOnBrand,
    },
    ':disabled, :disabled:hover': {
      backgroundColor: tokens.colorNeutralBackgroundDisabled,
      color: tokens.colorNeutralForegroundDisabled,
    },
  },
});

/**
 * The button that confirms something that cannot be taken back (Delete, Delete container): a
 * primary button in the theme's danger colour, so it does not read as the safe default.
 */
export function DestructiveButton({ className, ...props }: ButtonProps) {
  const styles = useStyles();
  return (
    <Button
      appearance="primary"
      {...props}
      className={mergeClasses(styles.destructive, className)}
    />
  );
}
